"use client";

import { defaultConfig, effectiveAction, isCulpritName, isPrincipalApp, type Action, type AppName, type DemoConfig } from "@/lib/live-demo/config";
import { ChoiceGroup, Switch } from "./controls";
import { CulpritKnobs } from "./culprit-knobs";
import { FLASK_OPTIONS, TOKEN_LABELS } from "./labels";

const APP_FAMILIES = [
  { value: "persistent", label: "Stock Flask" },
  { value: "weak", label: "NoSessionsFlask" },
  { value: "principal", label: "Flask-Principal" },
  { value: "flask-login", label: "Flask-Login" },
  { value: "flask-wtf", label: "Flask-WTF" },
  { value: "flask-paranoid", label: "Flask-Paranoid" },
] as const;

const ACTION_OPTIONS: ReadonlyArray<{ value: Action; label: string }> = [
  { value: "article", label: "article's view" },
  { value: "write", label: "write" },
  { value: "read", label: "read" },
  { value: "nothing", label: "nothing" },
  { value: "clear", label: "clear" },
  { value: "pop", label: "pop" },
  { value: "flash", label: "flash()" },
  { value: "read-flashes", label: "read flashes" },
];

const PERMANENT_OPTIONS = [
  { value: "keep", label: "leave alone" },
  { value: "1", label: "make permanent" },
  { value: "0", label: "make temporary" },
] as const;

/** Every knob the demo API has, at once. */
export function PlaygroundKnobs({ config, onChange }: { config: DemoConfig; onChange: (config: DemoConfig) => void }) {
  const principal = isPrincipalApp(config.app);
  const family = principal ? "principal" : (config.app as Exclude<AppName, "principal" | "principal-no-sessions">);
  const app = config.app;
  // Another app takes its own actions and defaults: switching keeps the knobs both have.
  const switchTo = (next: AppName) =>
    next === app
      ? config
      : {
          ...defaultConfig(next),
          flask: config.flask,
          permanent: config.permanent,
          refresh: config.refresh,
          culprit: config.culprit,
          token: isCulpritName(next) === isCulpritName(app) ? config.token : defaultConfig(next).token,
        };
  if (isCulpritName(app)) {
    return (
      <div className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
        <ChoiceGroup label="App" options={APP_FAMILIES} value={app} onChange={(value) => onChange(switchTo(value === "principal" ? "principal" : value))} />
        <CulpritKnobs app={app} config={config} onChange={onChange} />
      </div>
    );
  }
  const defaultAction = principal ? "nothing" : "article";
  return (
    <div className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
      <ChoiceGroup
        label="App"
        options={APP_FAMILIES}
        value={family}
        onChange={(value) =>
          onChange(isCulpritName(value) ? switchTo(value) : { ...config, app: value === "principal" ? (principal ? config.app : "principal") : value })
        }
      />
      <ChoiceGroup label="Rules" options={FLASK_OPTIONS} value={config.flask} onChange={(flask) => onChange({ ...config, flask })} />
      <Switch
        caption="Flask-Principal"
        label="use_sessions"
        checked={config.app !== "principal-no-sessions"}
        disabled={!principal}
        onChange={(on) => onChange({ ...config, app: on ? "principal" : "principal-no-sessions" })}
      />
      <ChoiceGroup
        label="Token"
        disabled={!principal}
        options={(["alice", "bob", "none"] as const).map((token) => ({ value: token, label: TOKEN_LABELS[token] }))}
        value={config.token}
        onChange={(token) => onChange({ ...config, token })}
      />
      <ChoiceGroup
        label="The view"
        options={ACTION_OPTIONS}
        value={effectiveAction(config)}
        onChange={(action) => onChange({ ...config, action: action === defaultAction ? null : action })}
      />
      <ChoiceGroup
        label="Permanent session"
        options={PERMANENT_OPTIONS}
        value={config.permanent === null ? "keep" : config.permanent ? "1" : "0"}
        onChange={(value) => onChange({ ...config, permanent: value === "keep" ? null : value === "1" })}
      />
      <Switch
        caption={config.flask === "0.10" ? "App config (Flask 0.11 and later)" : "App config"}
        label={
          // Break the long name only at its underscores on a narrow screen.
          <>
            SESSION_
            <wbr />
            REFRESH_
            <wbr />
            EACH_
            <wbr />
            REQUEST
          </>
        }
        checked={config.refresh}
        disabled={config.flask === "0.10"}
        onChange={(refresh) => onChange({ ...config, refresh })}
      />
    </div>
  );
}
