-- GET /api/v1/hooks/kannel/mo as Kannel's smsbox calls it: an Arabic SMS from a varying number,
-- so each opens a request (and queues its SMS answer) in one durable commit.
local counter = 0
local token = os.getenv("TAWASUL_SMS_TOKEN")
local text = "%D9%85%D9%83%D8%A8%D8%B1+%D8%A7%D9%84%D8%B5%D9%88%D8%AA+%D9%84%D8%A7+%D9%8A%D8%B9%D9%85%D9%84"

request = function()
  counter = counter + 1
  local from = string.format("%%2B96655%07d", (counter * 7919 + math.random(0, 9999999)) % 10000000)
  return wrk.format("GET", "/api/v1/hooks/kannel/mo?token=" .. token .. "&from=" .. from ..
    "&to=1933&text=" .. text .. "&coding=0&charset=UTF-8")
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
