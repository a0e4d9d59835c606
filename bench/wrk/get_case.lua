-- GET /api/v1/cases/{id} over the ids the run created, authenticated by bearer token.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TAWASUL_TOKEN")
local first = tonumber(os.getenv("TAWASUL_FIRST_ID"))
local count = tonumber(os.getenv("TAWASUL_ID_COUNT"))
local i = 0

request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/cases/" .. (first + (i * 7919) % count))
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
