//! redis_zset: a sorted-set session in `redis-cli`, emulating Redis 7.0.15 (`t_zset.c`): ZADD
//! (NX/XX/GT/LT/CH/INCR), ZINCRBY, ZSCORE, ZCARD, ZREM, ZRANK, ZREVRANK, ZCOUNT, ZRANGE (by rank,
//! BYSCORE, REV, LIMIT, WITHSCORES), ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE,
//! ZREMRANGEBYSCORE, ZREMRANGEBYRANK, plus DEL, EXISTS, TYPE, PING and FLUSHALL. Members are ordered by score, then by their bytes.

use std::collections::HashMap;

use super::redis_reply::{fmt_double, format_tty, split_args, string2d, string2ll, Reply};
use super::{InputError, Inputs, Section};

mod zset;
use zset::{rank_span, Range, ZSet, LISTPACK_ENTRIES, LISTPACK_VALUE};

/// The prompt `redis-cli` shows before each command.
const PROMPT: &str = "127.0.0.1:6379> ";
/// Most command lines run.
const MAX_LINES: usize = 2_000;
/// Most members in the whole database.
const MAX_MEMBERS: usize = 20_000;
/// Longest transcript produced; later commands are not run.
const MAX_TRANSCRIPT: usize = 1_000_000;

/// Real Redis commands this emulation leaves out: it says so instead of Redis's unknown-command
/// error, which would be untrue.
const NOT_EMULATED: &[&str] = &[
    "set",
    "get",
    "incr",
    "decr",
    "mset",
    "mget",
    "append",
    "strlen",
    "expire",
    "ttl",
    "keys",
    "scan",
    "hset",
    "hget",
    "hgetall",
    "lpush",
    "rpush",
    "lpop",
    "rpop",
    "lrange",
    "sadd",
    "smembers",
    "srem",
    "zrangebylex",
    "zrevrangebylex",
    "zlexcount",
    "zremrangebylex",
    "zpopmin",
    "zpopmax",
    "bzpopmin",
    "bzpopmax",
    "zrandmember",
    "zmscore",
    "zscan",
    "zunion",
    "zinter",
    "zdiff",
    "zunionstore",
    "zinterstore",
    "zdiffstore",
    "zrangestore",
    "select",
    "info",
    "dbsize",
    "multi",
    "exec",
    "watch",
    "publish",
    "subscribe",
];

/// The emulated server: one database of sorted sets.
#[derive(Default)]
struct Server {
    db: HashMap<Vec<u8>, ZSet>,
}

fn lower(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_ascii_lowercase()
}

fn flatten(items: Vec<(Vec<u8>, f64)>, withscores: bool) -> Reply {
    let mut out = Vec::with_capacity(items.len() * 2);
    for (m, s) in items {
        out.push(m);
        if withscores {
            out.push(fmt_double(s).into_bytes());
        }
    }
    Reply::Array(out)
}

impl Server {
    fn members(&self) -> usize {
        self.db.values().map(ZSet::len).sum()
    }

    fn exec(&mut self, argv: &[Vec<u8>]) -> Reply {
        let name = lower(&argv[0]);
        let arity: i32 = match name.as_str() {
            "zadd" | "zrange" | "zrevrange" | "zrangebyscore" | "zrevrangebyscore" => -4,
            "zincrby" | "zcount" | "zremrangebyscore" | "zremrangebyrank" => 4,
            "zrem" => -3,
            "zscore" | "zrank" | "zrevrank" => 3,
            "zcard" | "type" => 2,
            "del" | "exists" => -2,
            "ping" | "flushall" => -1,
            other if NOT_EMULATED.contains(&other) => {
                return Reply::Status(format!(
                    "（这个练习只模拟有序集合的常用命令，没有模拟 {}）",
                    other.to_ascii_uppercase()
                ));
            }
            _ => {
                let mut args = String::new();
                for a in &argv[1..] {
                    if args.len() >= 128 {
                        break;
                    }
                    let room = 128 - args.len();
                    let text = String::from_utf8_lossy(&a[..a.len().min(room)]).into_owned();
                    args.push_str(&format!("'{text}' "));
                }
                let shown =
                    String::from_utf8_lossy(&argv[0][..argv[0].len().min(128)]).into_owned();
                let msg = format!("unknown command '{shown}', with args beginning with: {args}");
                return Reply::err(msg.replace(['\r', '\n'], " "));
            }
        };
        let argc = argv.len() as i32;
        if (arity > 0 && arity != argc) || argc < -arity {
            return Reply::err(format!("wrong number of arguments for '{name}' command"));
        }
        match name.as_str() {
            "zadd" => self.zadd(argv, false),
            "zincrby" => self.zadd(argv, true),
            "zscore" => match self.db.get(&argv[1]).and_then(|z| z.scores.get(&argv[2])) {
                Some(s) => Reply::Bulk(fmt_double(*s).into_bytes()),
                None => Reply::Nil,
            },
            "zcard" => Reply::Int(self.db.get(&argv[1]).map_or(0, ZSet::len) as i64),
            "zrem" => {
                let Some(z) = self.db.get_mut(&argv[1]) else {
                    return Reply::Int(0);
                };
                let n = argv[2..].iter().filter(|m| z.remove(m)).count();
                if z.len() == 0 {
                    self.db.remove(&argv[1]);
                }
                Reply::Int(n as i64)
            }
            "zrank" | "zrevrank" => {
                let Some(z) = self.db.get(&argv[1]) else {
                    return Reply::Nil;
                };
                match z.rank(&argv[2]) {
                    Some(r) if name == "zrank" => Reply::Int(r as i64),
                    Some(r) => Reply::Int((z.len() - 1 - r) as i64),
                    None => Reply::Nil,
                }
            }
            "zcount" => {
                let Some(range) = Range::parse(&argv[2], &argv[3]) else {
                    return Reply::err("min or max is not a float");
                };
                let Some(z) = self.db.get(&argv[1]) else {
                    return Reply::Int(0);
                };
                if range.is_empty() {
                    return Reply::Int(0);
                }
                let n = z
                    .order
                    .iter()
                    .filter(|(s, _)| range.gte_min(*s) && range.lte_max(*s))
                    .count();
                Reply::Int(n as i64)
            }
            "zremrangebyscore" | "zremrangebyrank" => {
                let picked: Option<Vec<Vec<u8>>> = if name == "zremrangebyrank" {
                    let (Some(start), Some(end)) = (string2ll(&argv[2]), string2ll(&argv[3]))
                    else {
                        return Reply::err("value is not an integer or out of range");
                    };
                    self.db
                        .get(&argv[1])
                        .map(|z| match rank_span(z.len() as i64, start, end) {
                            Some((from, n)) => z
                                .order
                                .iter()
                                .skip(from)
                                .take(n)
                                .map(|(_, m)| m.clone())
                                .collect(),
                            None => Vec::new(),
                        })
                } else {
                    let Some(range) = Range::parse(&argv[2], &argv[3]) else {
                        return Reply::err("min or max is not a float");
                    };
                    self.db.get(&argv[1]).map(|z| {
                        z.order
                            .iter()
                            .filter(|(s, _)| range.gte_min(*s) && range.lte_max(*s))
                            .map(|(_, m)| m.clone())
                            .collect()
                    })
                };
                let (Some(picked), Some(z)) = (picked, self.db.get_mut(&argv[1])) else {
                    return Reply::Int(0);
                };
                for m in &picked {
                    z.remove(m);
                }
                if z.len() == 0 {
                    self.db.remove(&argv[1]);
                }
                Reply::Int(picked.len() as i64)
            }
            "zrange" => self.zrange(argv, None, None),
            "zrevrange" => self.zrange(argv, Some(false), Some(true)),
            "zrangebyscore" => self.zrange(argv, Some(true), Some(false)),
            "zrevrangebyscore" => self.zrange(argv, Some(true), Some(true)),
            "del" | "exists" => {
                let mut n = 0;
                for k in &argv[1..] {
                    let hit = if name == "del" {
                        self.db.remove(k).is_some()
                    } else {
                        self.db.contains_key(k)
                    };
                    n += i64::from(hit);
                }
                Reply::Int(n)
            }
            "type" => Reply::Status(
                if self.db.contains_key(&argv[1]) {
                    "zset"
                } else {
                    "none"
                }
                .into(),
            ),
            "flushall" => {
                self.db.clear();
                Reply::Status("OK".into())
            }
            _ => match argv.len() {
                1 => Reply::Status("PONG".into()),
                2 => Reply::Bulk(argv[1].clone()),
                _ => Reply::err("wrong number of arguments for 'ping' command"),
            },
        }
    }

    /// `zaddGenericCommand` (ZINCRBY is it with the INCR flag).
    fn zadd(&mut self, argv: &[Vec<u8>], incr_cmd: bool) -> Reply {
        let (mut nx, mut xx, mut gt, mut lt, mut ch, mut incr) =
            (false, false, false, false, false, incr_cmd);
        let mut idx = 2;
        while idx < argv.len() {
            match lower(&argv[idx]).as_str() {
                "nx" => nx = true,
                "xx" => xx = true,
                "ch" => ch = true,
                "incr" => incr = true,
                "gt" => gt = true,
                "lt" => lt = true,
                _ => break,
            }
            idx += 1;
        }
        let elements = argv.len() - idx;
        if elements % 2 == 1 || elements == 0 {
            return Reply::err("syntax error");
        }
        let pairs = elements / 2;
        if nx && xx {
            return Reply::err("XX and NX options at the same time are not compatible");
        }
        if ((gt || lt) && nx) || (gt && lt) {
            return Reply::err("GT, LT, and/or NX options at the same time are not compatible");
        }
        if incr && pairs > 1 {
            return Reply::err("INCR option supports a single increment-element pair");
        }
        let mut scores = Vec::with_capacity(pairs);
        for j in 0..pairs {
            match string2d(&argv[idx + 2 * j]) {
                Some(s) => scores.push(s),
                None => return Reply::err("value is not a valid float"),
            }
        }
        let key = &argv[1];
        if !self.db.contains_key(key) {
            if xx {
                return if incr { Reply::Nil } else { Reply::Int(0) };
            }
            let z = ZSet {
                skiplist: pairs > LISTPACK_ENTRIES || argv[idx + 1].len() > LISTPACK_VALUE,
                ..ZSet::default()
            };
            self.db.insert(key.clone(), z);
        }
        let Some(z) = self.db.get_mut(key) else {
            return Reply::Nil;
        };
        let (mut added, mut updated, mut processed) = (0i64, 0i64, 0);
        let mut last = 0.0;
        for (j, &score) in scores.iter().enumerate() {
            let member = &argv[idx + 2 * j + 1];
            let mut score = score;
            if let Some(&cur) = z.scores.get(member) {
                if nx {
                    continue;
                }
                if incr {
                    score += cur;
                    if score.is_nan() {
                        return Reply::err("resulting score is not a number (NaN)");
                    }
                }
                if (lt && score >= cur) || (gt && score <= cur) {
                    continue;
                }
                if score != cur {
                    z.insert(member, score);
                    updated += 1;
                }
            } else if !xx {
                z.insert(member, score);
                added += 1;
            } else {
                continue;
            }
            processed += 1;
            last = score;
        }
        if incr {
            if processed > 0 {
                Reply::Bulk(fmt_double(last).into_bytes())
            } else {
                Reply::Nil
            }
        } else {
            Reply::Int(if ch { added + updated } else { added })
        }
    }

    /// `zrangeGenericCommand`: `by_score` and `rev` are fixed by the command, or `None` for ZRANGE.
    fn zrange(&self, argv: &[Vec<u8>], by_score: Option<bool>, rev: Option<bool>) -> Reply {
        let (mut by_score_opt, mut rev_opt) = (by_score, rev);
        let mut withscores = false;
        let (mut offset, mut limit) = (0i64, -1i64);
        let mut j = 4;
        while j < argv.len() {
            let left = argv.len() - j - 1;
            let opt = lower(&argv[j]);
            if opt == "withscores" {
                withscores = true;
            } else if opt == "limit" && left >= 2 {
                match (string2ll(&argv[j + 1]), string2ll(&argv[j + 2])) {
                    (Some(o), Some(l)) => (offset, limit) = (o, l),
                    _ => return Reply::err("value is not an integer or out of range"),
                }
                j += 2;
            } else if rev_opt.is_none() && opt == "rev" {
                rev_opt = Some(true);
            } else if by_score_opt.is_none() && opt == "byscore" {
                by_score_opt = Some(true);
            } else if by_score_opt.is_none() && opt == "bylex" {
                return Reply::Error("（这个练习没有模拟 BYLEX）".into());
            } else {
                return Reply::err("syntax error");
            }
            j += 1;
        }
        let rev = rev_opt.unwrap_or(false);
        let by_score = by_score_opt.unwrap_or(false);
        if limit != -1 && !by_score {
            return Reply::err(
                "syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
            );
        }
        let (a, b) = if rev && by_score {
            (&argv[3], &argv[2])
        } else {
            (&argv[2], &argv[3])
        };
        if !by_score {
            let (Some(start), Some(end)) = (string2ll(a), string2ll(b)) else {
                return Reply::err("value is not an integer or out of range");
            };
            let Some(z) = self.db.get(&argv[1]) else {
                return Reply::Array(Vec::new());
            };
            let Some((start, n)) = rank_span(z.len() as i64, start, end) else {
                return Reply::Array(Vec::new());
            };
            let items = z.order.iter().map(|(s, m)| (m.clone(), *s));
            let picked: Vec<(Vec<u8>, f64)> = if rev {
                items.rev().skip(start).take(n).collect()
            } else {
                items.skip(start).take(n).collect()
            };
            return flatten(picked, withscores);
        }
        let Some(range) = Range::parse(a, b) else {
            return Reply::err("min or max is not a float");
        };
        let Some(z) = self.db.get(&argv[1]) else {
            return Reply::Array(Vec::new());
        };
        if (offset > 0 && offset >= z.len() as i64) || offset < 0 || range.is_empty() {
            return Reply::Array(Vec::new());
        }
        let in_range = |(s, _): &&(f64, Vec<u8>)| range.gte_min(*s) && range.lte_max(*s);
        let take = if limit < 0 {
            usize::MAX
        } else {
            limit as usize
        };
        let picked: Vec<(Vec<u8>, f64)> = if rev {
            z.order
                .iter()
                .rev()
                .filter(in_range)
                .skip(offset as usize)
                .take(take)
                .map(|(s, m)| (m.clone(), *s))
                .collect()
        } else {
            z.order
                .iter()
                .filter(in_range)
                .skip(offset as usize)
                .take(take)
                .map(|(s, m)| (m.clone(), *s))
                .collect()
        };
        flatten(picked, withscores)
    }
}

/// The final content of every key, for the section under the transcript.
fn describe(server: &Server) -> String {
    let mut keys: Vec<&Vec<u8>> = server.db.keys().collect();
    keys.sort();
    if keys.is_empty() {
        return "（数据库是空的）".into();
    }
    let mut out = Vec::new();
    for k in keys {
        let z = &server.db[k];
        let items: Vec<String> = z
            .order
            .iter()
            .take(50)
            .map(|(s, m)| format!("{} {}", String::from_utf8_lossy(m), fmt_double(*s)))
            .collect();
        let more = if z.len() > 50 {
            format!(" …（共 {} 个）", z.len())
        } else {
            String::new()
        };
        out.push(format!(
            "{}：{}{more}",
            String::from_utf8_lossy(k),
            items.join("，")
        ));
    }
    out.join("\n")
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let text = inp.text("commands")?;
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() > MAX_LINES {
        return Err(InputError {
            field: "commands",
            message: format!("命令太多：这个练习最多运行 {MAX_LINES} 行"),
            position: None,
        });
    }
    let mut server = Server::default();
    let mut transcript = String::new();
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        if transcript.len() > MAX_TRANSCRIPT {
            transcript.push_str("\n……（输出太长，后面的命令没有运行）");
            break;
        }
        if !transcript.is_empty() {
            transcript.push('\n');
        }
        transcript.push_str(PROMPT);
        transcript.push_str(line);
        transcript.push('\n');
        match split_args(line) {
            Err(_) => transcript.push_str("Invalid argument(s)"),
            Ok(argv) if argv.is_empty() => {}
            Ok(argv) => {
                let added: usize = argv.len();
                if server.members() + added > MAX_MEMBERS {
                    return Err(InputError {
                        field: "commands",
                        message: format!("成员太多：这个练习最多保存 {MAX_MEMBERS} 个成员"),
                        position: None,
                    });
                }
                transcript.push_str(&format_tty(&server.exec(&argv)));
            }
        }
    }
    Ok(vec![
        Section::ok("transcript", "redis-cli 的输出（模拟 Redis 7.0.15）", transcript).with_note(
            "ZRANGE 按分数从小到大返回（分数相同按成员的字节序），ZREVRANGE 从大到小；下标可以是负数，-1 是最后一个。分数是双精度浮点数，Redis 7.0 按 %.17g 输出（7.2 起改为最短表示，例如 0.1）。",
        ),
        Section::ok("state", "最后每个键里的有序集合（成员 分数，从小到大）", describe(&server)),
    ])
}
