"use client";

import { effectiveAction, type Action, type DemoConfig } from "@/lib/live-demo/config";
import { culpritActions, type CulpritName } from "@/lib/live-demo/culprit-config";
import { ChoiceGroup } from "./controls";
import { TOKEN_LABELS } from "./labels";

/** How each culprit action is named on its button. */
const ACTION_LABELS: Record<string, string> = {
  whoami: "who am I",
  login: "log in",
  "login-remember": "log in, remember me",
  logout: "log out",
  protected: "login_required page",
  api: "login_required API",
  form: "form page",
  api_json: "JSON API",
};

const CLIENT_OPTIONS = [
  { value: "this", label: "this browser" },
  { value: "elsewhere", label: "another address" },
] as const;

const SEND_OPTIONS = [
  { value: "get", label: "GET the form" },
  { value: "post", label: "POST, no token" },
  { value: "post-token", label: "POST with the page's token" },
] as const;

const PROTECTION_OPTIONS = [
  { value: "basic", label: "basic" },
  { value: "strong", label: "strong" },
  { value: "off", label: "off (None)" },
] as const;

/** The knobs of one culprit app (Flask-Login, Flask-WTF, Flask-Paranoid): only those its extension reads. */
export function CulpritKnobs({ app, config, onChange }: { app: CulpritName; config: DemoConfig; onChange: (config: DemoConfig) => void }) {
  const actions = culpritActions(app);
  const settings = config.culprit;
  const set = (patch: Partial<DemoConfig["culprit"]>) => onChange({ ...config, culprit: { ...settings, ...patch } });
  return (
    <>
      {actions.length > 0 && (
        <ChoiceGroup
          label="The view"
          options={actions.map((value) => ({ value, label: ACTION_LABELS[app === "flask-wtf" && value === "api" ? "api_json" : value] ?? value }))}
          value={effectiveAction(config)}
          onChange={(action: Action) => onChange({ ...config, action: action === actions[0] ? null : action })}
        />
      )}
      {app === "flask-login" && (
        <>
          <ChoiceGroup label="Session protection" options={PROTECTION_OPTIONS} value={settings.protection} onChange={(protection) => set({ protection })} />
          <ChoiceGroup
            label="Token (request_loader)"
            options={(["alice", "bob", "none"] as const).map((token) => ({ value: token, label: TOKEN_LABELS[token] }))}
            value={config.token}
            onChange={(token) => onChange({ ...config, token })}
          />
        </>
      )}
      {app !== "flask-wtf" && (
        <ChoiceGroup label="Client (X-Forwarded-For)" options={CLIENT_OPTIONS} value={settings.client} onChange={(client) => set({ client })} />
      )}
      {app === "flask-wtf" && <ChoiceGroup label="Request" options={SEND_OPTIONS} value={settings.send} onChange={(send) => set({ send })} />}
    </>
  );
}
