// The group-B live ports (issue 16): each page opens with the notes' example, follows typing,
// and a share link reproduces its input.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, ready, field, result, typeInto } from "./helpers.mjs";


test("shuffle: CPython's order for a seed, None from print(random.shuffle(l))", async ({ page }) => {
  await page.goto("./#/ex/shuffle");
  await ready(page);
  await expect(result(page, "returned")).toHaveText("None");
  await expect(result(page, "shuffled")).toHaveText("[4, 2, 3, 5, 1]");
  await typeInto(page, "seed", "0");
  await expect(result(page, "shuffled")).toHaveText("[3, 2, 1, 5, 4]");
  await typeInto(page, "list", "range(10)");
  await typeInto(page, "seed", "12345");
  await expect(result(page, "shuffled")).toHaveText("[8, 7, 3, 5, 1, 2, 9, 4, 0, 6]");
  expect(decodeURIComponent(page.url())).toContain("seed=12345");
  // A share link with both parameters.
  await page.goto("./#/ex/shuffle?list=" + encodeURIComponent("[1, 2, 3, 4, 5]") + "&seed=1180591620717411303424");
  await expect(result(page, "shuffled")).toHaveText("[3, 1, 5, 4, 2]");
});

test("metaclass order, yield/send and observer show their transcripts", async ({ page }) => {
  await page.goto("./#/ex/metaclass_order");
  await ready(page);
  await expect(result(page, "output")).toContainText("F __new__\nTypeError: object.__new__() takes exactly one argument");
  await expect(page.locator(".errata")).toContainText("E04");
  await typeInto(page, "statements", "class F(metaclass=MetaF): ...\nf = F()\nf()");
  await expect(result(page, "output")).toHaveText(
    ">>> class F(metaclass=MetaF): ...\nMetaF __new__\nMetaF __init__\n>>> f = F()\nMetaF __call__\nF __new__\nF __init__\n>>> f()\nF __call__");

  await page.goto("./#/ex/yield_send");
  await expect(result(page, "for_loop")).toHaveText("1\n2");
  await typeInto(page, "ops", "send 3");
  await expect(result(page, "results")).toHaveText("g.send(3) → TypeError: can't send non-None value to a just-started generator");
  await page.goto("./#/ex/yield_send?ops=" + encodeURIComponent("next\nsend 0"));
  await expect(result(page, "results")).toHaveText("next(g) → None\ng.send(0) → StopIteration");

  await page.goto("./#/ex/observer?commands=" + encodeURIComponent("register sms\nregister sms\nadd apple"));
  await expect(result(page, "log")).toContainText("Sending SMS notification about apple.\nSending SMS notification about apple.");
  await typeInto(page, "commands", "remove email");
  await expect(result(page, "log")).toContainText("ValueError: list.remove(x): x not in list");
});

test("dir walk, Bloom filter and TCP pages follow their inputs", async ({ page }) => {
  await page.goto("./#/ex/dir_walk");
  await ready(page);
  await expect(result(page, "os_version")).toContainText("project/src/utils/helpers.py");
  await typeInto(page, "tree", "data/\n  a.txt\n  sub/\n    b.txt");
  await expect(result(page, "os_version")).toHaveText("data/a.txt\ndata/sub/b.txt");
  await expect(result(page, "pathlib_version")).toHaveText("/home/user/data/a.txt\n/home/user/data/sub/b.txt");
  // A folder picked on this machine becomes the tree (names and paths only).
  const picked = join(mkdtempSync(join(tmpdir(), "ports-b-")), "picked");
  mkdirSync(join(picked, "sub"), { recursive: true });
  writeFileSync(join(picked, "a.txt"), "x");
  writeFileSync(join(picked, "sub", "b.txt"), "y");
  await page.getByLabel("选择文件夹").setInputFiles(picked);
  await expect(field(page, "tree")).toHaveValue(/^picked\/\n/);
  await expect(result(page, "os_version")).toContainText("picked/a.txt");
  await expect(result(page, "os_version")).toContainText("picked/sub/b.txt");

  await page.goto("./#/ex/bloom_vs_bitmap");
  await expect(result(page, "answers")).toContainText("false negative");
  // No code in the notes for this topic: no empty code block, no CPython promise.
  await expect(page.locator(".python-src")).toHaveCount(0);
  await page.goto("./#/ex/bloom_vs_bitmap?kind=bitmap&m=16&add=" + encodeURIComponent("[1, 3, 15]") + "&delete=" + encodeURIComponent("[3]") + "&query=" + encodeURIComponent("[1, 3]"));
  await expect(result(page, "answers")).toHaveText("1  位 [1] → 在（present）\n3  位 [3] → 不在（absent）");
  await typeInto(page, "m", "2");
  await expect(page.getByRole("alert")).toContainText("位图只能存 0 到 1");

  await page.goto("./#/ex/tcp_state_machine");
  await expect(result(page, "sequence")).toContainText("<SEQ=300><ACK=101><CTL=SYN,ACK>");
  await expect(result(page, "sequence")).toContainText("✗ 丢失");
  await typeInto(page, "events", "listen\nconnect\nboth close");
  await expect(result(page, "sequence")).toContainText("CLOSING");
  await expect(result(page, "final")).toContainText("客户端 CLOSED，服务器 CLOSED");
});

test("each new exercise sits in its topic page", async ({ page }) => {
  for (const [slug, id] of [["shuffle-list", "shuffle"], ["metaclass-execution", "metaclass_order"],
    ["yield-and-send", "yield_send"], ["observer-pattern", "observer"], ["dir-walk", "dir_walk"],
    ["bitmap-vs-bloom-filter", "bloom_vs_bitmap"], ["tcp-2msl", "tcp_state_machine"]]) {
    await page.goto(`./#/t/${slug}`);
    await ready(page);
    await expect(page.locator(`.exercise[data-exercise=${id}] .result output`).first()).not.toBeEmpty();
  }
});
