/**
 * The libraries behind the catalogue's entries: their names as people know them, the Python module
 * a traceback shows, and where their source lives. The fixture generator records the Python
 * module of each writing line; `libraryOfModule` maps it back for the tests.
 */
import type { LibraryId } from "./types";

export type LibraryInfo = {
  name: string;
  /** Top-level Python module(s) whose lines count as this library's writes. */
  modules: string[];
  repository: string;
};

export const LIBRARIES: Record<LibraryId, LibraryInfo> = {
  flask: { name: "Flask", modules: ["flask"], repository: "pallets/flask" },
  "flask-login": { name: "Flask-Login", modules: ["flask_login"], repository: "maxcountryman/flask-login" },
  "flask-wtf": { name: "Flask-WTF", modules: ["flask_wtf"], repository: "pallets-eco/flask-wtf" },
  wtforms: { name: "WTForms", modules: ["wtforms"], repository: "pallets-eco/wtforms" },
  "flask-principal": { name: "Flask-Principal", modules: ["flask_principal"], repository: "mattupstate/flask-principal" },
  "flask-paranoid": { name: "Flask-Paranoid", modules: ["flask_paranoid"], repository: "miguelgrinberg/flask-paranoid" },
  "flask-security-too": { name: "Flask-Security-Too", modules: ["flask_security"], repository: "pallets-eco/flask-security" },
  "flask-dance": { name: "Flask-Dance", modules: ["flask_dance"], repository: "singingwolfboy/flask-dance" },
  authlib: { name: "Authlib", modules: ["authlib"], repository: "authlib/authlib" },
  // python3-openid writes through Flask-OpenID's SessionWrapper, so both count as Flask-OpenID.
  "flask-openid": { name: "Flask-OpenID", modules: ["flask_openid", "openid"], repository: "pallets-eco/flask-openid" },
  "flask-session": { name: "Flask-Session", modules: ["flask_session"], repository: "pallets-eco/flask-session" },
  "flask-oauthlib": { name: "Flask-OAuthlib", modules: ["flask_oauthlib"], repository: "lepture/flask-oauthlib" },
  "flask-oidc": { name: "flask-oidc", modules: ["flask_oidc"], repository: "fedora-infra/flask-oidc" },
  "flask-seasurf": { name: "Flask-SeaSurf", modules: ["flask_seasurf"], repository: "maxcountryman/flask-seasurf" },
};

/** The library a recorded file path (`flask_login/utils.py`, `flask_principal.py`) belongs to. */
export function libraryOfModule(file: string): LibraryId | null {
  const top = file.split("/")[0].replace(/\.py$/, "");
  for (const [id, info] of Object.entries(LIBRARIES) as Array<[LibraryId, LibraryInfo]>) {
    if (info.modules.includes(top)) return id;
  }
  return null;
}
