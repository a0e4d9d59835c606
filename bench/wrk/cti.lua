-- POST /api/v1/cti/{token}: calls from a PBX, each one newCall, answer and hangup in turn (as
-- form posts, as Zammad-style PBX scripts send them), a distinct callId per call and thread.
local threads = {}
local counter = 0
local tid = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local path = "/api/v1/cti/" .. os.getenv("TAWASUL_CTI_TOKEN")

setup = function(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

request = function()
  local step = counter % 3
  local call = math.floor(counter / 3)
  counter = counter + 1
  local id = "b" .. tid .. "-" .. call
  local body
  if step == 0 then
    body = string.format("event=newCall&direction=in&from=05%08d&to=1933&queue=1933&callId=%s",
      (call * 7919 + tid) % 100000000, id)
  elseif step == 1 then
    body = "event=answer&direction=in&answeringNumber=agent&callId=" .. id
  else
    body = "event=hangup&direction=in&cause=normalClearing&callId=" .. id
  end
  return wrk.format("POST", path, nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
