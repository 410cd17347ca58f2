-- wrk script of the serving benchmark: POSTs one JSON body (read from the file given after `--`) with
-- Content-Type application/json, and prints one parseable result line when the run is over:
--   WRK_RESULT {"requests":N,"duration_s":S,"rps":R,"p50_ms":X,"p90_ms":X,"p99_ms":X,"max_ms":X,
--               "non2xx":N,"connect_errors":N,"read_errors":N,"write_errors":N,"timeouts":N}
-- Usage: wrk -s post.lua http://127.0.0.1:PORT/path -- BODY.json

function init(args)
  local path = args[1]
  if path == nil then
    error("post.lua: give the JSON body file after --")
  end
  local file = assert(io.open(path, "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_s":%.3f,"rps":%.2f,"p50_ms":%.4f,"p90_ms":%.4f,"p99_ms":%.4f,' ..
    '"max_ms":%.4f,"non2xx":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
