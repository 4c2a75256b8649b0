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
  /** owner/name on GitHub, the current home first (a library that moved keeps its old one too). */
  repositories: string[];
};

export const LIBRARIES: Record<LibraryId, LibraryInfo> = {
  flask: { name: "Flask", modules: ["flask"], repositories: ["pallets/flask"] },
  "flask-login": { name: "Flask-Login", modules: ["flask_login"], repositories: ["maxcountryman/flask-login"] },
  "flask-wtf": { name: "Flask-WTF", modules: ["flask_wtf"], repositories: ["pallets-eco/flask-wtf"] },
  wtforms: { name: "WTForms", modules: ["wtforms"], repositories: ["pallets-eco/wtforms"] },
  "flask-principal": { name: "Flask-Principal", modules: ["flask_principal"], repositories: ["mattupstate/flask-principal"] },
  "flask-paranoid": { name: "Flask-Paranoid", modules: ["flask_paranoid"], repositories: ["miguelgrinberg/flask-paranoid"] },
  "flask-security-too": { name: "Flask-Security-Too", modules: ["flask_security"], repositories: ["pallets-eco/flask-security"] },
  "flask-dance": { name: "Flask-Dance", modules: ["flask_dance"], repositories: ["singingwolfboy/flask-dance"] },
  authlib: { name: "Authlib", modules: ["authlib"], repositories: ["authlib/authlib"] },
  // python3-openid writes through Flask-OpenID's SessionWrapper, so both count as Flask-OpenID.
  "flask-openid": { name: "Flask-OpenID", modules: ["flask_openid", "openid"], repositories: ["pallets-eco/flask-openid"] },
  "flask-session": { name: "Flask-Session", modules: ["flask_session"], repositories: ["pallets-eco/flask-session"] },
  "flask-oauthlib": { name: "Flask-OAuthlib", modules: ["flask_oauthlib"], repositories: ["lepture/flask-oauthlib"] },
  "flask-oidc": { name: "flask-oidc", modules: ["flask_oidc"], repositories: ["fedora-infra/flask-oidc", "puiterwijk/flask-oidc"] },
  "flask-seasurf": { name: "Flask-SeaSurf", modules: ["flask_seasurf"], repositories: ["maxcountryman/flask-seasurf"] },
};

/** The library a recorded file path (`flask_login/utils.py`, `flask_principal.py`) belongs to. */
export function libraryOfModule(file: string): LibraryId | null {
  const top = file.split("/")[0].replace(/\.py$/, "");
  for (const [id, info] of Object.entries(LIBRARIES) as Array<[LibraryId, LibraryInfo]>) {
    if (info.modules.includes(top)) return id;
  }
  return null;
}
