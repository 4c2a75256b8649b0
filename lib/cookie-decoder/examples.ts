/** The cookie the article prints in its `Set-Cookie` example: `{'key': b'value'}`, signed on 2016-04-06. */
export const ARTICLE_COOKIE = "eyJrZXkiOnsiIGIiOiJkbUZzZFdVPSJ9fQ.Ceb-lQ.oy7fSZf9sPcDli8mGHAisRn15Dc";
