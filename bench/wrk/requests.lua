-- wrk script for bench/load.py: replay prepared requests, count non-2xx, print JSON.
--
--   wrk -t2 -c32 -d10s -s bench/wrk/requests.lua http://127.0.0.1:PORT -- REQUESTS.lua THREADS
--
-- REQUESTS.lua returns a list of {method=, path=, headers={...}, body=} (one per
-- user: their cookie, CSRF token and path). Thread k of THREADS takes every
-- THREADS-th request starting at the k-th and sends them round-robin, so with
-- one request per user and connections = users, each user has about one
-- request in flight. report() (done) prints one line: BENCH_JSON {...}.

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local prepared = dofile(args[1])
  local stride = tonumber(args[2]) or 1
  mine = {}
  for i = id, #prepared, stride do
    local r = prepared[i]
    table.insert(mine, wrk.format(r.method, r.path, r.headers, r.body))
  end
  if #mine == 0 then
    local r = prepared[(id - 1) % #prepared + 1]
    mine[1] = wrk.format(r.method, r.path, r.headers, r.body)
  end
  position = 0
  responses = 0
  non2xx = 0
  first_bad_status = 0
  first_bad_body = ""
end

function request()
  position = position % #mine + 1
  return mine[position]
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad_status == 0 then
      first_bad_status = status
      first_bad_body = string.sub(body or "", 1, 300)
    end
  end
end

local function json_string(text)
  local escaped = string.gsub(text, '[%c"\\]', function(c)
    return string.format("\\u%04x", string.byte(c))
  end)
  return '"' .. escaped .. '"'
end

function done(summary, latency, requests)
  local total, bad, bad_status, bad_body = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    total = total + thread:get("responses")
    bad = bad + thread:get("non2xx")
    if bad_status == 0 and thread:get("first_bad_status") ~= 0 then
      bad_status = thread:get("first_bad_status")
      bad_body = thread:get("first_bad_body")
    end
  end
  local e = summary.errors
  local fields = {
    string.format('"requests": %d', summary.requests),
    string.format('"responses": %d', total),
    string.format('"seconds": %.3f', summary.duration / 1e6),
    string.format('"non2xx": %d', bad),
    string.format('"socket_errors": %d', e.connect + e.read + e.write + e.timeout),
    string.format('"timeouts": %d', e.timeout),
    string.format('"p50_ms": %.3f', latency:percentile(50) / 1000),
    string.format('"p90_ms": %.3f', latency:percentile(90) / 1000),
    string.format('"p99_ms": %.3f', latency:percentile(99) / 1000),
    string.format('"max_ms": %.3f', latency.max / 1000),
    string.format('"first_bad_status": %d', bad_status),
    '"first_bad_body": ' .. json_string(bad_body),
  }
  io.write("BENCH_JSON {" .. table.concat(fields, ", ") .. "}\n")
end
