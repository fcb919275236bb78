-- wrk script for the warm-up: every user logs in from home on their own device and each evaluation is
-- reported as a success, so the store knows the users' devices and places before evaluate.lua measures.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bodies = require("bodies")

local next_user, outcomes = 0, {}
local outcome_body = '{"result":"success","mfa":"passed"}'

init = bodies.init
done = bodies.report

function request()
  local id = table.remove(outcomes)
  if id then
    return wrk.format("POST", "/v1/evaluations/" .. id .. "/outcome", bodies.headers, outcome_body)
  end
  next_user = next_user % bodies.USERS + 1
  return wrk.format("POST", "/v1/evaluate", bodies.headers, bodies.evaluation(next_user, "home"))
end

function response(status, headers, body)
  local id = status == 200 and body:match('"evaluation_id":"([^"]+)"')
  if id then table.insert(outcomes, id) end
end
