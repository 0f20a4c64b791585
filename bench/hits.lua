-- wrk script: count, per run, the responses that were cache hits.
--   Varnish: X-Cache says HIT (the VCL sets it), or without X-Cache an Age above 0;
--   the app's page cache: X-Page-Cache: HIT (also passed through Varnish on a Varnish miss).
-- done() prints one line the bench parses: "BENCH-HITS <responses> <varnish> <app> <bad>".
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  responses, varnish_hits, app_hits, bad = 0, 0, 0, 0
end

function response(status, headers, body)
  responses = responses + 1
  if status >= 400 then bad = bad + 1 end
  local x_cache, age, page_cache
  for name, value in pairs(headers) do
    local lower = string.lower(name)
    if lower == "x-cache" then x_cache = value
    elseif lower == "age" then age = tonumber(value)
    elseif lower == "x-page-cache" then page_cache = value end
  end
  if x_cache then
    if string.find(string.upper(x_cache), "HIT") then varnish_hits = varnish_hits + 1 end
  elseif age and age > 0 then
    varnish_hits = varnish_hits + 1
  end
  if page_cache and string.upper(page_cache) == "HIT" then app_hits = app_hits + 1 end
end

function done(summary, latency, requests)
  local totals = {0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    totals[1] = totals[1] + thread:get("responses")
    totals[2] = totals[2] + thread:get("varnish_hits")
    totals[3] = totals[3] + thread:get("app_hits")
    totals[4] = totals[4] + thread:get("bad")
  end
  io.write(string.format("BENCH-HITS %d %d %d %d\n", totals[1], totals[2], totals[3], totals[4]))
end
