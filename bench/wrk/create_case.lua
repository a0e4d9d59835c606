-- POST /api/v1/cases with a varying caller number, so requester rows are created and reused.
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TAWASUL_TOKEN")
local category = os.getenv("TAWASUL_CATEGORY")

request = function()
  counter = counter + 1
  local phone = string.format("+96650%07d", (counter * 7919) % 10000000)
  local body = '{"type":"complaint","category_id":' .. category ..
    ',"channel":"phone","description":"مكبر الصوت لا يعمل في صلاة الفجر","requester":' ..
    '{"name":"عبدالله","phone":"' .. phone .. '"},"priority":"normal"}'
  return wrk.format("POST", "/api/v1/cases", nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
