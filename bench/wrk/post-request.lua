-- Every request files and submits an enrolment request for one new professional.
-- Env: BENCH_PROGRAMME (programme id), BENCH_RUN (unique per run), BENCH_WRK (this directory).
local prog = os.getenv("BENCH_PROGRAMME") or "1"
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local n = 0
function request()
  n = n + 1
  -- wrk.format with a headers table replaces the -H headers: copy them first.
  local h = {}
  for k, v in pairs(wrk.headers) do h[k] = v end
  h["Content-Type"] = "application/json"
  local body = string.format(
    '{"programme_id":%s,"submit":true,"professionals":[{"name":"Bench %d-%d","email":"bench-%s-%d-%d@example.org"}]}',
    prog, tid, n, run, tid, n)
  return wrk.format("POST", "/api/v1/requests", h, body)
end
dofile((os.getenv("BENCH_WRK") or ".") .. "/report.lua")
