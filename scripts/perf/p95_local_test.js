// AC3.1 latency run under k6. Reads the same scenario file as the built-in engine (p95.scenario.json by
// default), so `./build.sh RunP95` gives the same requests, tags and thresholds with either engine.
//
//   BASE_URL=http://127.0.0.1:8080 TOKEN=... k6 run --out json=reports/p95_k6_YYYYMMDD.json \
//     --summary-export=reports/p95_k6_YYYYMMDD.summary.json scripts/perf/p95_local_test.js
//
// Environment: BASE_URL (required), TOKEN (bearer token, optional), SCENARIO_FILE (default: the file next
// to this script), REQUESTS / CONCURRENCY (override the scenario's values).
import http from 'k6/http';
import exec from 'k6/execution';

const scenarioFile = __ENV.SCENARIO_FILE || './p95.scenario.json';
const S = JSON.parse(open(scenarioFile));
if (!__ENV.BASE_URL) throw new Error('BASE_URL is not set; pass -e BASE_URL=http://host:port (./build.sh RunP95 does it for you).');
const BASE_URL = __ENV.BASE_URL.replace(/\/+$/, '');
const TOKEN = __ENV.TOKEN || '';
const NAME = S.name || 'p95';
const MODEL = S.model || 'closed';
const REQUESTS = parseInt(__ENV.REQUESTS || S.requests || 300, 10);
const CONCURRENCY = parseInt(__ENV.CONCURRENCY || S.concurrency || 10, 10);
const TIMEOUT = S.requestTimeout || '30s';
// k6's maxRedirects (default 10); the built-in engine follows the same number and records each hop as k6 does.
const MAX_REDIRECTS = S.maxRedirects === undefined ? 10 : S.maxRedirects;
const ENDPOINTS = S.endpoints;
// Requests carry the token: a path is a path below BASE_URL, never a URL naming another host (same rule as
// Pipeline.Perf's EndpointPath; RunP95 checks the scenario before k6 starts).
for (const e of ENDPOINTS) {
  const path = String(e.path || '');
  const pathPart = path.split('?')[0];
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\') || path.includes('#')
      || /^\/[A-Za-z][A-Za-z0-9+.-]*:|:\/\//.test(pathPart) || pathPart.split('/').some((s) => s === '..' || s === '.')) {
    throw new Error(`endpoint ${e.name}: path '${path}' is not a path below BASE_URL`);
  }
}

// Same request mix as Pipeline.Perf's RequestMix: largest-remainder counts, smooth weighted round-robin.
function apportion(weights, total) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map((e) => Math.floor(e));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = weights.map((_, i) => i).sort((a, b) => (exact[b] - counts[b]) - (exact[a] - counts[a]) || a - b);
  for (let k = 0; k < left; k++) counts[order[k]]++;
  return counts;
}

function interleave(counts, total) {
  const current = counts.map(() => 0);
  const sequence = new Uint8Array(total);
  for (let step = 0; step < total; step++) {
    let pick = 0;
    for (let j = 0; j < counts.length; j++) {
      current[j] += counts[j];
      if (current[j] > current[pick]) pick = j;
    }
    current[pick] -= total;
    sequence[step] = pick;
  }
  return sequence;
}

const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));
const MIX_LENGTH = S.duration ? 1000 : REQUESTS;
// Only one cycle of the round-robin is kept (every VU holds its own copy): it repeats every MIX_LENGTH / d requests.
const MIX_COUNTS = apportion(ENDPOINTS.map((e) => (e.share === undefined ? 1 : e.share)), MIX_LENGTH);
const MIX_DIVISOR = MIX_COUNTS.reduce(gcd, MIX_LENGTH);
const MIX = interleave(MIX_COUNTS.map((c) => c / MIX_DIVISOR), MIX_LENGTH / MIX_DIVISOR);

function executor() {
  if (MODEL === 'open') {
    // k6 wants an integer rate: scale rate and time unit together (same spacing between starts).
    const duration = S.duration || `${Math.round((REQUESTS * 1000) / S.rate)}ms`;
    return { executor: 'constant-arrival-rate', rate: Math.round(S.rate * 1000), timeUnit: '1000s', duration,
      preAllocatedVUs: CONCURRENCY, maxVUs: CONCURRENCY };
  }
  if (S.duration) return { executor: 'constant-vus', vus: CONCURRENCY, duration: S.duration };
  return { executor: 'shared-iterations', vus: CONCURRENCY, iterations: REQUESTS, maxDuration: '30m' };
}

function thresholds() {
  const all = {};
  for (const [metric, list] of Object.entries(S.thresholds || {})) all[metric] = [...list];
  for (const e of ENDPOINTS) {
    const key = `http_req_duration{name:${e.name}}`;
    // Every endpoint gets its submetric in the summary export (k6 only exports submetrics with thresholds).
    const list = (all[key] = all[key] || []);
    for (const t of e.thresholds || []) if (!list.includes(t)) list.push(t);
    if (list.length === 0) list.push('max>=0');
  }
  return all;
}

export const options = {
  scenarios: { [NAME]: executor() },
  thresholds: thresholds(),
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'],
};

export default function () {
  // iterationInTest is the run-wide index, also in a sharded run (--execution-segment): every shard picks its
  // requests from the whole run's mix, so the shards together send exactly the unsharded run's requests.
  const e = ENDPOINTS[MIX[(exec.scenario.iterationInTest % MIX_LENGTH) % MIX.length]];
  const headers = Object.assign({}, e.headers || {});
  if (TOKEN && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) headers.Authorization = `Bearer ${TOKEN}`;
  let body = null;
  if (e.body !== undefined && e.body !== null) {
    body = typeof e.body === 'string' ? e.body : JSON.stringify(e.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  send(e.method || 'GET', `${BASE_URL}${e.path}`, body, headers, e.name);
}

// Redirects are followed here, hop by hop, instead of by k6 (Go's client keeps Authorization on a redirect to the
// same host on another port, or to a subdomain): credentials go only to BASE_URL's origin, as with the built-in
// engine. Each hop is its own http.request, so k6 records every hop as it would for its own redirects.
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];
// The last hop allowed: still a redirect there means a loop (or too long a chain), recorded as a failed request.
const LAST_HOP = http.expectedStatuses({ min: 200, max: 299 }, 304);
const originOf = (url) => {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(url);
  return m ? `${m[1].toLowerCase()}://${m[2].toLowerCase()}` : '';
};

function resolve(base, location) {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(location)) return location;
  if (location.startsWith('//')) return `${base.split(':')[0]}:${location}`;
  const origin = /^[^:]+:\/\/[^/?#]*/.exec(base)[0];
  if (location.startsWith('/')) return origin + location;
  const path = base.slice(origin.length).split(/[?#]/)[0];
  return origin + path.slice(0, path.lastIndexOf('/') + 1) + location;
}

function send(method, url, body, headers, name) {
  for (let hop = 0; ; hop++) {
    const sameOrigin = originOf(url) === originOf(BASE_URL);
    const sent = Object.fromEntries(Object.entries(headers).filter(([h]) => sameOrigin || !CREDENTIALS.includes(h.toLowerCase())));
    const params = { headers: sent, tags: { name }, timeout: TIMEOUT, redirects: 0 };
    if (MAX_REDIRECTS > 0 && hop === MAX_REDIRECTS) params.responseCallback = LAST_HOP;
    const res = http.request(method, url, body, params);
    const location = res && res.headers ? res.headers.Location : undefined;
    if (hop >= MAX_REDIRECTS || !location || ![301, 302, 303, 307, 308].includes(res.status)) return;
    url = resolve(url, location);
    if (!/^https?:/i.test(url)) return;
    if ([301, 302, 303].includes(res.status) && method !== 'GET' && method !== 'HEAD') {
      // As Go's client: the redirect turns into a GET without body.
      method = 'GET';
      body = null;
      headers = Object.fromEntries(Object.entries(headers).filter(([h]) => h.toLowerCase() !== 'content-type'));
    }
  }
}
