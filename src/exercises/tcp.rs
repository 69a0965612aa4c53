//! tcp_state_machine: a client and a server TCP (RFC 9293 §3.3.2's states, §3.10's event
//! processing, simplified) exchanging segments over a link with a fixed one-way delay, drawn
//! as RFC 9293's two-column sequences (`<SEQ=100><ACK=301><CTL=ACK>`). The learner's events are
//! the user calls (`listen`, `connect`, `send`, `close`), lost segments (`lose client ACK`) and
//! the MSL; after each event the network runs until nothing is left in flight and every timer
//! (retransmission, TIME-WAIT's 2MSL) has fired.
//!
//! Simplifications, said on the page: the client's ISS is 100 and the server's 300 (RFC 9293's
//! figures), one segment is outstanding at a time, the retransmission timeout starts at 1 s
//! (RFC 6298) and doubles, and a side gives up after 5 retransmissions.

use super::script::{lines, Line};
use super::tcp_model::{columns, ms, Net, Side};
use super::{InputError, Inputs, Section};

/// Most events one run accepts.
const MAX_EVENTS: usize = 500;
/// Largest data size one `send` takes, in bytes.
const MAX_SEND: u32 = 1_000_000;

fn side(word: &str) -> Option<Side> {
    match word {
        "client" | "客户端" => Some(Side::Client),
        "server" | "服务器" => Some(Side::Server),
        _ => None,
    }
}

/// Applies one event line.
fn event(net: &mut Net, line: &Line) -> Result<(), InputError> {
    let words: Vec<&str> = line.text.split_whitespace().collect();
    let bad = || {
        line.error(
            "events",
            format!(
                "看不懂 `{}`：可用 listen、connect、client/server send <字节数>、client/server close、both close、lose client/server <SYN|SYN-ACK|ACK|FIN|DATA>、msl <秒>",
                line.text
            ),
        )
    };
    match words.as_slice() {
        ["listen"] | ["server", "listen"] => net.call(Side::Server, "listen", 0),
        ["connect"] | ["client", "connect"] => net.call(Side::Client, "connect", 0),
        ["both", "close"] => {
            // Simultaneous close: both FINs leave before either arrives.
            net.call(Side::Client, "close", 0);
            net.call(Side::Server, "close", 0);
        }
        [who, "close"] => net.call(side(who).ok_or_else(bad)?, "close", 0),
        [who, "send", n] => {
            let s = side(who).ok_or_else(bad)?;
            let size = n
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_SEND).contains(n))
                .ok_or_else(|| {
                    line.error("events", format!("字节数要是 1 到 {MAX_SEND} 的整数"))
                })?;
            net.call(s, "send", size);
        }
        ["lose", who, kind] => {
            let s = side(who).ok_or_else(bad)?;
            let kind = kind.to_ascii_uppercase().replace(',', "-");
            if !["SYN", "SYN-ACK", "ACK", "FIN", "DATA", "RST"].contains(&kind.as_str()) {
                return Err(bad());
            }
            net.lose.push((s, kind));
            net.note(format!(
                "（之后{}发出的第一个 {} 报文会丢失）",
                s.zh(),
                net.lose.last().map_or("", |l| l.1.as_str())
            ));
            return Ok(());
        }
        ["msl", n] => {
            net.msl_s = n
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=3600).contains(n))
                .ok_or_else(|| line.error("events", "MSL 要是 1 到 3600 秒的整数"))?;
            net.note(format!(
                "MSL = {} 秒，2MSL = {} 秒",
                net.msl_s,
                2 * net.msl_s
            ));
            return Ok(());
        }
        _ => return Err(bad()),
    }
    net.settle();
    Ok(())
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let text = inp.text("events")?;
    let mut net = Net::new();
    net.rows.push(columns("时间", "客户端", "", "服务器"));
    net.rows.push(columns(&ms(0), "CLOSED", "", "CLOSED"));
    for line in lines("events", text, MAX_EVENTS)? {
        event(&mut net, &line)?;
    }
    let finals = format!(
        "客户端 {}，服务器 {}（最后时刻 {}）",
        net.state(Side::Client).name(),
        net.state(Side::Server).name(),
        ms(net.now)
    );
    Ok(vec![
        Section::ok("sequence", "报文序列（RFC 9293 的记法与状态名）", net.rows.join("\n")).with_note(
            "单向时延 50 ms；客户端初始序号 ISS=100、服务器 ISS=300（RFC 9293 图中的取值）；SYN 和 FIN 各占一个序号；重传超时从 1 s 开始（RFC 6298）每次翻倍。",
        ),
        Section::ok("final", "最终状态", finals).with_note(format!(
            "主动关闭的一方要在 TIME-WAIT 等 2MSL（这里 MSL = {} 秒）：如果它的最后一个 ACK 丢了，对方会重传 FIN，它还在就能再回一个 ACK；同时也让这个连接的旧报文在网络里消失。RFC 9293 把 MSL 定为 2 分钟，Linux 的 TIME-WAIT 固定 60 秒，笔记说的“一般 30 秒”并不通用。",
            net.msl_s
        )),
    ])
}
