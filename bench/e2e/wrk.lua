-- wrk script of scripts/bench-e2e.sh: POSTs one signed notification (the file E2E_BODY) until
-- E2E_REQUESTS answers came, and counts every answer that is not HTTP 200 with exactly
-- `success` (a handler answering `fail` measures nothing). One wrk thread (-t1). wrk runs for
-- its -d duration whatever a script does, so the run is timed here, from init() to the last
-- counted answer (wall clock from `date`: wrk's Lua has none), and once the count is reached
-- the thread stops and wrk is interrupted (SIGINT, which wrk handles by reporting; sent from a
-- background shell a moment later, as system() ignores SIGINT while it waits). -d is only the
-- limit for a stuck server. done() prints the line the script reads.
local total = tonumber(os.getenv("E2E_REQUESTS") or "1000")

local file = assert(io.open(os.getenv("E2E_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"

local thread
function setup(t)
  thread = t
end

local function now_ns()
  local date = assert(io.popen("date +%s%N"))
  local ns = date:read("*n")
  date:close()
  return ns
end

function init(args)
  answered, bad, finished = 0, 0, false
  started_ns, elapsed_us = now_ns(), 0
end

local function wrk_pid()
  local stat = assert(io.open("/proc/self/stat", "r"))
  local pid = stat:read("*n")
  stat:close()
  return pid
end

function response(status, headers, body)
  if finished then
    return
  end
  answered = answered + 1
  if status ~= 200 or body ~= "success" then
    bad = bad + 1
    if bad <= 3 then
      io.stderr:write(string.format("bad answer: HTTP %d %q\n", status, string.sub(body or "", 1, 200)))
    end
  end
  if answered >= total then
    finished = true
    elapsed_us = math.floor((now_ns() - started_ns) / 1000)
    wrk.thread:stop()
    os.execute("(sleep 0.05; kill -INT " .. wrk_pid() .. ") &")
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "E2E requests=%d bad=%d errors=%d connect=%d read=%d write=%d status=%d timeout=%d " ..
      "elapsed_us=%d p50_us=%d p99_us=%d\n",
    thread:get("answered"), thread:get("bad"),
    errors.connect + errors.read + errors.write + errors.status + errors.timeout,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    thread:get("elapsed_us"), latency:percentile(50), latency:percentile(99)))
end
