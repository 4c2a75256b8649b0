import { expect, test } from "@playwright/test";
import { LiveDemoEmbed, articleDemos, articlePath } from "../helpers/live-demo";
import { startServer, type ServerInstance } from "../helpers/server-instance";

/**
 * The server restarts (a deploy, a crash) while a reader is in the middle of a demo: the embed
 * says clearly that the server could not be reached, and the next click works again, with the
 * session intact, since the cookie the browser holds is all the state there is.
 */
test.describe("a server restart in the middle of a demo", () => {
  test.describe.configure({ timeout: 180_000 });
  let server: ServerInstance | null = null;
  test.afterEach(async () => {
    await server?.stop();
  });

  test("the embed shows a clear message, and recovers on the next click with the session kept", async ({ page }) => {
    server = await startServer();
    const embed = await LiveDemoEmbed.open(page, `${server.url}${articlePath}`, articleDemos.persistent);
    await embed.send("persistent");
    await embed.send("persistent");
    await expect(embed.latest()).toContainText("'key': 'value'");

    const { port } = server;
    await server.stop("SIGKILL");
    await embed.button("Send request").click();
    const alert = embed.root.getByRole("alert");
    await expect(alert).toContainText("The demo server could not be reached");
    await expect(embed.field("announcement")).toHaveText("The request failed.");

    server = await startServer({ port });
    await embed.send("persistent");
    await expect(alert).toHaveCount(0);
    // The restarted server knows nothing of the reader, yet reads the session from the cookie.
    await expect(embed.latest()).toContainText("'key': 'value'");
  });
});
