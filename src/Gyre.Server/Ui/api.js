// api.js: the one way pages talk to the server.
// Contract: every call sends `Authorization: Bearer <token>` when a token is kept in sessionStorage
// ("gyre.token"), sends and expects JSON, and throws ApiError carrying the HTTP status and the server's own
// message (the MLflow error body's "message") on any non-2xx answer. A 401 also dispatches the window event
// "gyre:unauthorized" (app.js opens the token form with the message).

const TOKEN_KEY = "gyre.token";

/** An HTTP error from the server: `status` (0 = network failure) and the server's message. */
export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code || "";
  }
}

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(extra) {
  const h = Object.assign({ Accept: "application/json" }, extra || {});
  const token = getToken();
  if (token) h.Authorization = "Bearer " + token;
  return h;
}

function query(params) {
  if (!params) return "";
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, String(x)));
    else q.append(k, String(v));
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

async function errorFrom(response) {
  let message = response.status + " " + response.statusText;
  let code = "";
  try {
    const text = await response.text();
    try {
      const body = JSON.parse(text);
      if (body && body.message) message = body.message;
      if (body && body.error_code) code = body.error_code;
    } catch {
      if (text) message = text.slice(0, 500);
    }
  } catch { /* keep the status line */ }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent("gyre:unauthorized", { detail: message }));
  }
  return new ApiError(response.status, message, code);
}

/** Sends a request; returns the raw Response when ok, else throws ApiError. */
export async function request(method, path, { params, body, accept } = {}) {
  const init = { method, headers: headers(accept ? { Accept: accept } : undefined) };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path + query(params), init);
  } catch (e) {
    throw new ApiError(0, "The server cannot be reached (" + e.message + ")");
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

async function json(response) {
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

export async function get(path, params) {
  return json(await request("GET", path, { params }));
}

export async function post(path, body) {
  return json(await request("POST", path, { body }));
}

export async function del(path, body) {
  return json(await request("DELETE", path, { body }));
}

// Route prefixes, so pages name routes the way the design note does.
export const MLFLOW = "/api/2.0/mlflow";
export const GYRE_UI = "/api/2.0/gyre/ui";
export const GYRE = "/api/2.0/gyre";
