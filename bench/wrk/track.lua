-- GET /api/v1/public/track with a real code and phone pair (the rate limit is raised for the run).
local path = "/api/v1/public/track?code=" .. os.getenv("TAWASUL_CODE") .. "&phone=" ..
  os.getenv("TAWASUL_PHONE")

request = function()
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
