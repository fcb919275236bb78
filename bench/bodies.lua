-- POST /v1/evaluate bodies for wrk, shared by evaluate.lua, teach.lua and echo.lua so that the echo
-- baseline carries exactly the same bytes as the evaluations. Places come from MaxMind's City test
-- database (src/test/resources/geoip), which http.sh starts the server with.
local M = {}

M.USERS = 300

local AGENTS = {
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
}
local FACTORS = {
  '["otp","email"]', '["webauthn-platform","push","email"]', '["sms"]', '["otp","webauthn-roaming","recovery-code"]',
}
local APPS = { "portal", "mail", "hr", "crm", "payroll" }

-- Each user lives in one of three test-database cities (none of them on a deny list or an anonymizer).
local function home_ip(u)
  local city = u % 3
  if city == 0 then return "2.125.160." .. (216 + u % 8) end        -- Boxford, GB
  if city == 1 then return "89.160.20." .. (128 + u % 128) end       -- Linköping, SE
  return "214.78.12" .. (u % 4) .. "." .. (1 + u % 250)              -- San Diego, US
end

-- The mix of one evaluation: mostly a known user on a known device at home (allow), some new devices and
-- impossible travel (challenge), a few logins from documentation networks on the shipped deny list (deny).
function M.pick()
  local u = math.random(M.USERS)
  local r = math.random()
  if r < 0.85 then return u, "home" end
  if r < 0.93 then return u, "new_device" end
  if r < 0.98 then return u, "travel" end
  return u, "deny"
end

function M.evaluation(u, kind)
  local ip, device, agent = home_ip(u), "dev-" .. u, AGENTS[1 + u % #AGENTS]
  if kind == "new_device" then
    device, agent = "dev-" .. u .. "-" .. math.random(1000000), AGENTS[1 + (u + 1) % #AGENTS]
  elseif kind == "travel" then
    ip = (u % 2 == 0 and "214.0.1." or "214.0.0.") .. (1 + u % 250)   -- Melbourne, AU / Singapore
  elseif kind == "deny" then
    ip = "203.0.113." .. (1 + u % 250)                                 -- TEST-NET-3: rules/ip-lists/deny
  end
  return string.format('{"org":"acme","flow":"authorization_code","application":"%s",'
      .. '"user":{"id":"bench-user-%03d","email":"bench-user-%03d@example.com","roles":["%s"],"enrolled_factors":%s},'
      .. '"ip":"%s","user_agent":"%s","device":{"id":"%s","fingerprint":"fp-%s"}}',
      APPS[1 + u % #APPS], u, u, u % 10 == 0 and "admin" or "employee", FACTORS[1 + u % #FACTORS],
      ip, agent, device, device)
end

M.headers = { ["Content-Type"] = "application/json" }

function M.init()
  math.randomseed(os.time())
end

-- One machine-readable line for http.sh: requests/s, p50 and p99 in microseconds, non-2xx/3xx, requests.
function M.report(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.0f %.0f %d %d\n", summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), errors, summary.requests))
end

return M
