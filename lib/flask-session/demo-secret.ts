/**
 * The article's `app.secret_key`, which the demo apps sign with unless the server is given another
 * (DEMO_SECRET_KEY). On its own so the page's tamper lab can name it without loading the apps.
 */
export const DEFAULT_SECRET = "SomeRandomKey";
