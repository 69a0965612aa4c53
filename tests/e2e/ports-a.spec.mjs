// The P2 ports of group A: each new exercise's page computes live as the learner types, renders
// inside its topic page, reproduces a shared link, and is found by search.
import { test, expect, ready } from "./helpers.mjs";

const field = (page, name) => page.locator(`.exercise .field[data-field="${name}"] :is(input, textarea)`);
const result = (page, key) => page.locator(`.exercise .result[data-key="${key}"] output`);

async function typeInto(page, name, text) {
  const f = field(page, name);
  await f.fill("");
  await f.pressSequentially(text, { delay: 5 });
}

test("c3_mro: the diamond by default, an inconsistent hierarchy raises CPython's TypeError", async ({ page }) => {
  await page.goto("./#/ex/c3_mro");
  await ready(page);
  await expect(result(page, "mro")).toHaveText("['D', 'B', 'C', 'A', 'object']");
  await expect(result(page, "classic")).toHaveText("['D', 'B', 'A', 'C']");
  await expect(result(page, "steps")).toContainText("merge([B, A, object], [C, A, object], [B, C])");
  await typeInto(page, "classes", "X; Y; A(X, Y); B(Y, X); C(A, B)");
  await expect(result(page, "mro")).toHaveText(
    "TypeError: Cannot create a consistent method resolution\norder (MRO) for bases X, Y");
  await typeInto(page, "classes", "A; B(A, A)");
  await expect(result(page, "mro")).toHaveText("TypeError: duplicate base class A");
  // The topic page hosts it.
  await page.goto("./#/t/new-style-vs-classic-class");
  await expect(page.locator(".exercise[data-exercise=c3_mro]")).toBeVisible();
});

test("redis_cluster_slot and most_frequent follow every keystroke", async ({ page }) => {
  await page.goto("./#/ex/redis_cluster_slot");
  await ready(page);
  await expect(result(page, "slot")).toHaveText("(integer) 3443");
  await typeInto(page, "key", "foo");
  await expect(result(page, "slot")).toHaveText("(integer) 12182");
  await typeInto(page, "key", "foo{}{bar}");
  await expect(result(page, "slot")).toHaveText("(integer) 8363");

  await page.goto("./#/ex/most_frequent");
  await expect(result(page, "most_common")).toHaveText("[('b', 2)]");
  await typeInto(page, "data", "[1, 3, 2, 3, 1, 3]");
  await expect(result(page, "most_common")).toHaveText("[(3, 3)]");
  await typeInto(page, "data", "[[1], [1]]");
  await expect(result(page, "most_common")).toHaveText("TypeError: unhashable type: 'list'");
});

test("defaultdict_demo and http_status print what CPython prints", async ({ page }) => {
  await page.goto("./#/ex/defaultdict_demo");
  await ready(page);
  await expect(result(page, "word_count")).toHaveText(
    "defaultdict(<class 'int'>, {'the': 2, 'quick': 1, 'brown': 1, 'fox': 1, 'jumps': 1, 'over': 1, 'lazy': 1, 'dog': 1})");
  await expect(page.locator(".errata")).toContainText("E19");
  await typeInto(page, "text", "a\u3000b a");
  await expect(result(page, "word_count")).toHaveText("defaultdict(<class 'int'>, {'a': 2, 'b': 1})");
  await expect(result(page, "after_read")).toHaveText("defaultdict(<class 'int'>, {'a': 2, 'b': 1, 'python': 0})");

  await page.goto("./#/ex/http_status");
  await expect(result(page, "phrase")).toHaveText("Not Modified");
  await typeInto(page, "code", "418");
  await expect(result(page, "phrase")).toHaveText("I'm a Teapot");
  await expect(result(page, "seed")).toHaveText("笔记没有列出这个状态码");
  await typeInto(page, "code", "999");
  await expect(result(page, "phrase")).toHaveText("ValueError: 999 is not a valid HTTPStatus");
});

test("url_parts and redis_zset: share links reproduce the input", async ({ page }) => {
  await page.goto("./#/ex/url_parts?url=" + encodeURIComponent("http://host:abc/"));
  await ready(page);
  await expect(field(page, "url")).toHaveValue("http://host:abc/");
  await expect(result(page, "port")).toHaveText("ValueError: Port could not be cast to integer value as 'abc'");
  await typeInto(page, "url", "http://[::1]:8080/x?q=a%20b+c");
  await expect(result(page, "hostname")).toHaveText("'::1'");
  await expect(result(page, "parse_qs")).toHaveText("{'q': ['a b c']}");
  expect(decodeURIComponent(page.url())).toContain("url=http://[::1]:8080/x?q=a%20b+c");

  await page.goto("./#/ex/redis_zset");
  await expect(result(page, "transcript")).toContainText('127.0.0.1:6379> ZRANGE player_score 0 2 WITHSCORES\n1) "user2"\n2) "87"');
  await expect(page.locator(".errata")).toContainText("E05");
  await typeInto(page, "commands", "ZADD z 1 b 1 a\nZRANGE z 0 -1\nZSCORE z nope");
  await expect(result(page, "transcript")).toHaveText(
    '127.0.0.1:6379> ZADD z 1 b 1 a\n(integer) 2\n\n127.0.0.1:6379> ZRANGE z 0 -1\n1) "a"\n2) "b"\n\n127.0.0.1:6379> ZSCORE z nope\n(nil)');
  const link = "./#/ex/redis_zset?commands=" + encodeURIComponent("ZCARD nokey");
  await page.goto(link);
  await expect(result(page, "transcript")).toHaveText("127.0.0.1:6379> ZCARD nokey\n(integer) 0");
});

test("the new exercises are found by search", async ({ page }) => {
  await page.goto("./");
  await ready(page);
  await page.locator("#search-input").click();
  await page.keyboard.type("CLUSTER KEYSLOT");
  await expect(page.locator("#search-listbox [role=option][data-kind=exercise]").first()).toContainText("槽");
});
