import type { AppName, TokenChoice } from "@/lib/live-demo/config";

/** How each emulated app is named on the page. */
export const APP_LABELS: Record<AppName, string> = {
  persistent: "Stock Flask",
  weak: "NoSessionsFlask",
  principal: "Principal, use_sessions=True",
  "principal-no-sessions": "Principal, use_sessions=False",
  "flask-login": "Flask-Login",
  "flask-wtf": "Flask-WTF",
  "flask-paranoid": "Flask-Paranoid",
};

export const TOKEN_LABELS: Record<TokenChoice, string> = { alice: "alice", bob: "bob", none: "no token" };

export const FLASK_OPTIONS = [
  { value: "0.10", label: "Flask 2016 (0.10)" },
  { value: "2.2", label: "Flask 2.2" },
  { value: "3.1", label: "Flask 3.1.3" },
] as const;

/** The heading an embed gets when the article does not give one. */
export function defaultTitle(apps: readonly AppName[]): string {
  const key = apps.join(",");
  if (key === "persistent") return "Live: the article's view on stock Flask";
  if (key === "persistent,weak") return "Live: stock Flask or NoSessionsFlask";
  if (key === "principal,principal-no-sessions") return "Live: Flask-Principal, use_sessions on or off";
  return `Live: ${apps.map((app) => APP_LABELS[app]).join(" or ")}`;
}
