-- wrk script: POST the very same bodies as evaluate.lua to /bench/echo (serve --bench-echo), which
-- returns them unchanged: the cost of the HTTP server, JSON body handling aside, without any of our work.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bodies = require("bodies")

init = bodies.init
done = bodies.report

function request()
  return wrk.format("POST", "/bench/echo", bodies.headers, bodies.evaluation(bodies.pick()))
end
