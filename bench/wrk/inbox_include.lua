-- GET /api/v1/inbox/{name}?include=actions,extras: a worklist's one request (50 rows with their
-- actions and extras), authenticated by bearer token. TAWASUL_INBOX names the inbox (default
-- callbacks; bench/run uses triage, where the run's new requests wait).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TAWASUL_TOKEN")
local inbox = os.getenv("TAWASUL_INBOX") or "callbacks"
local path = "/api/v1/inbox/" .. inbox .. "?limit=50&include=actions,extras"

request = function()
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
