import { describe, expect, it } from "vitest";
import { parseKnobs } from "@/lib/flask-session/knobs";
import {
  configFromParams,
  configToParams,
  curlCommand,
  defaultConfig,
  demoRequest,
  effectiveAction,
  fragmentFor,
  paramsFromFragment,
  resetPath,
  type DemoConfig,
} from "./config";

const base = defaultConfig("persistent");
const everything: DemoConfig = {
  app: "principal-no-sessions",
  flask: "0.10",
  token: "none",
  action: "clear",
  permanent: false,
  refresh: false,
  culprit: { protection: "basic", client: "this", send: "get" },
};

describe("the request a demo sends", () => {
  it("is the app's bare URL with the default configuration", () => {
    expect(demoRequest(base)).toEqual({ method: "GET", path: "/api/flask/persistent/", headers: {} });
  });

  it("carries every knob the API reads, and the API reads them back unchanged", () => {
    const { path } = demoRequest({ ...everything, app: "persistent" });
    const knobs = parseKnobs(new URL(path, "http://localhost").searchParams, null);
    expect(knobs).toEqual({ flask: "0.10", action: "clear", permanent: false, refresh: false, view: "plain", fix: null });
  });

  it("names every rule set but the default in the URL, and the API reads it back", () => {
    for (const flask of ["0.10", "3.1"] as const) {
      const { path } = demoRequest({ ...base, flask });
      expect(path).toBe(`/api/flask/persistent/?flask=${flask}`);
      expect(parseKnobs(new URL(path, "http://localhost").searchParams, null)).toMatchObject({ flask });
    }
  });

  it("authenticates the principal apps with the chosen token, and only them", () => {
    expect(demoRequest({ ...base, app: "principal", token: "bob" }).headers).toEqual({ Authorization: "Bearer bob-token" });
    expect(demoRequest({ ...base, app: "principal", token: "none" }).headers).toEqual({});
    expect(demoRequest({ ...base, app: "weak", token: "bob" }).headers).toEqual({});
  });

  it("resets with the rule set's own deleting cookie", () => {
    expect(resetPath({ ...base, flask: "0.10" })).toBe("/api/flask/persistent/_reset?flask=0.10");
    expect(resetPath({ ...base, app: "weak" })).toBe("/api/flask/weak/_reset");
  });

  it("can be written as a curl command", () => {
    expect(curlCommand({ ...base, app: "principal" }, "http://localhost:3000")).toBe(
      "curl -i -H 'Authorization: Bearer alice-token' 'http://localhost:3000/api/flask/principal/'",
    );
  });
});

describe("the app's default action", () => {
  it("is the article's view on the text apps and nothing on the principal apps", () => {
    expect(effectiveAction(base)).toBe("article");
    expect(effectiveAction({ ...base, app: "principal" })).toBe("nothing");
    expect(effectiveAction({ ...base, app: "principal", action: "write" })).toBe("write");
  });
});

describe("the configuration in the URL", () => {
  it("leaves out what equals the default", () => {
    expect(configToParams(base, base).toString()).toBe("");
    expect(configToParams({ ...base, flask: "0.10" }, base).toString()).toBe("flask=0.10");
  });

  it("round-trips every knob", () => {
    const apps = ["persistent", "principal-no-sessions"] as const;
    expect(configFromParams(configToParams(everything, base), base, apps)).toEqual(everything);
    const back = { ...everything, action: null, permanent: null };
    expect(configFromParams(configToParams(back, { ...base, action: "write", permanent: true }), { ...base, action: "write", permanent: true }, apps)).toEqual(
      back,
    );
  });

  it("round-trips the culprit apps' knobs, and opens their deep links (?app=flask-login&action=…)", () => {
    const apps = ["persistent", "flask-login", "flask-wtf", "flask-paranoid"] as const;
    const login: DemoConfig = {
      ...defaultConfig("flask-login"),
      action: "login-remember",
      culprit: { protection: "strong", client: "elsewhere", send: "get" },
    };
    expect(configFromParams(configToParams(login, base), base, apps)).toEqual(login);
    const linked = configFromParams(new URLSearchParams("app=flask-login&action=login-remember"), base, apps);
    expect(demoRequest(linked)).toEqual({ method: "GET", path: "/api/flask/flask-login/?action=login-remember", headers: {} });
    // An action the linked app does not take falls back to that app's default.
    expect(configFromParams(new URLSearchParams("app=flask-wtf&action=login"), base, apps).action).toBeNull();
    const post = configFromParams(new URLSearchParams("app=flask-wtf&send=post-token"), base, apps);
    expect(demoRequest(post, "tok")).toEqual({ method: "POST", path: "/api/flask/flask-wtf/", headers: { "X-CSRFToken": "tok" } });
    const elsewhere = configFromParams(new URLSearchParams("app=flask-paranoid&client=elsewhere"), base, apps);
    expect(demoRequest(elsewhere).headers).toEqual({ "X-Forwarded-For": "203.0.113.7" });
  });

  it("still opens links written with the old rule-set names, 2016 and today", () => {
    const apps = ["persistent"] as const;
    expect(configFromParams(new URLSearchParams("flask=2016"), base, apps).flask).toBe("0.10");
    expect(configFromParams(new URLSearchParams("flask=today"), { ...base, flask: "3.1" }, apps).flask).toBe("2.2");
    // and writes them back in the new names
    expect(configToParams(configFromParams(new URLSearchParams("flask=2016"), base, apps), base).toString()).toBe("flask=0.10");
  });

  it("falls back to the default for unknown values and for apps the demo does not offer", () => {
    const params = new URLSearchParams("app=principal&flask=1999&token=mallory&action=explode&permanent=yes&refresh=maybe");
    expect(configFromParams(params, base, ["persistent", "weak"])).toEqual(base);
  });

  it("names the embed in the fragment, so several embeds on a page keep their own links", () => {
    const fragment = fragmentFor("demo-persistent-weak", new URLSearchParams("app=weak"));
    expect(fragment).toBe("#demo-persistent-weak?app=weak");
    expect(paramsFromFragment(fragment, "demo-persistent-weak")?.get("app")).toBe("weak");
    expect(paramsFromFragment(fragment, "demo-persistent")).toBeNull();
    expect(paramsFromFragment("#demo-persistent", "demo-persistent")?.toString()).toBe("");
    expect(paramsFromFragment("", "demo-persistent")).toBeNull();
  });
});
