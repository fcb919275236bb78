-- wrk script: POST /v1/evaluate with the mix of bodies.lua (300 users, ~85% allow, challenges, denies).
-- No response() callback, so wrk spends as little of the shared CPUs per request as it does for echo.lua.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bodies = require("bodies")

init = bodies.init
done = bodies.report

function request()
  return wrk.format("POST", "/v1/evaluate", bodies.headers, bodies.evaluation(bodies.pick()))
end
