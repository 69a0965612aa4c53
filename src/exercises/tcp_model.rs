//! The TCP model behind `tcp_state_machine` (see `tcp.rs`): two endpoints with RFC 9293's
//! states and a simplified §3.10 event processing, a link with a fixed delay and lost segments,
//! timers in one queue, and the rows of the two-column sequence it draws.

use std::collections::BTreeMap;

/// One-way delay of the link, in ms.
pub(crate) const DELAY: u64 = 50;
/// Initial retransmission timeout, in ms (RFC 6298 §2.1).
pub(crate) const RTO: u64 = 1_000;
/// Retransmissions before a side gives up.
const MAX_RETRIES: u32 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Side {
    /// The active opener.
    Client,
    /// The passive opener.
    Server,
}

impl Side {
    fn other(self) -> Side {
        match self {
            Side::Client => Side::Server,
            Side::Server => Side::Client,
        }
    }
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Side::Client => "客户端",
            Side::Server => "服务器",
        }
    }
}

/// RFC 9293's connection states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    Closed,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
}

impl State {
    pub(crate) fn name(self) -> &'static str {
        match self {
            State::Closed => "CLOSED",
            State::Listen => "LISTEN",
            State::SynSent => "SYN-SENT",
            State::SynReceived => "SYN-RECEIVED",
            State::Established => "ESTABLISHED",
            State::FinWait1 => "FIN-WAIT-1",
            State::FinWait2 => "FIN-WAIT-2",
            State::CloseWait => "CLOSE-WAIT",
            State::Closing => "CLOSING",
            State::LastAck => "LAST-ACK",
            State::TimeWait => "TIME-WAIT",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    from: Side,
    seq: u32,
    ack: Option<u32>,
    syn: bool,
    fin: bool,
    rst: bool,
    len: u32,
}

impl Segment {
    /// A bare segment: no control bits but ACK when `ack` is given, no data.
    fn new(from: Side, seq: u32, ack: Option<u32>) -> Segment {
        Segment {
            from,
            seq,
            ack,
            syn: false,
            fin: false,
            rst: false,
            len: 0,
        }
    }
    /// RFC 9293's notation, e.g. `<SEQ=300><ACK=101><CTL=SYN,ACK>`.
    fn text(&self) -> String {
        let mut ctl = Vec::new();
        for (on, name) in [
            (self.syn, "SYN"),
            (self.fin, "FIN"),
            (self.rst, "RST"),
            (self.ack.is_some(), "ACK"),
        ] {
            if on {
                ctl.push(name);
            }
        }
        let mut s = format!("<SEQ={}>", self.seq);
        if let Some(a) = self.ack {
            s.push_str(&format!("<ACK={a}>"));
        }
        s.push_str(&format!("<CTL={}>", ctl.join(",")));
        if self.len > 0 {
            s.push_str(&format!("<DATA={}B>", self.len));
        }
        s
    }
    /// Sequence space it occupies (SYN and FIN count one each).
    fn space(&self) -> u32 {
        self.len + u32::from(self.syn) + u32::from(self.fin)
    }
    /// The `lose` rule kind it matches.
    fn kind(&self) -> &'static str {
        match (
            self.syn,
            self.fin,
            self.rst,
            self.len > 0,
            self.ack.is_some(),
        ) {
            (_, _, true, _, _) => "RST",
            (true, _, _, _, true) => "SYN-ACK",
            (true, ..) => "SYN",
            (_, true, ..) => "FIN",
            (_, _, _, true, _) => "DATA",
            _ => "ACK",
        }
    }
}

/// One side's transmission control block.
struct Tcb {
    state: State,
    iss: u32,
    snd_una: u32,
    snd_nxt: u32,
    rcv_nxt: u32,
    /// The unacknowledged segment, its timer generation, current RTO and retries.
    rtx: Option<(Segment, u64, u64, u32)>,
    /// TIME-WAIT timer generation.
    tw: u64,
}

enum Event {
    /// A segment arrives; the sender's state when it left.
    Arrive(Segment, State),
    Rto(Side, u64),
    TimeWait(Side, u64),
}

pub(crate) struct Net {
    pub(crate) now: u64,
    pub(crate) msl_s: u64,
    tcb: [Tcb; 2],
    queue: BTreeMap<(u64, u64), Event>,
    order: u64,
    generation: u64,
    pub(crate) lose: Vec<(Side, String)>,
    pub(crate) rows: Vec<String>,
}

/// A time in ms as seconds, `1.050 s`.
pub(crate) fn ms(t: u64) -> String {
    format!("{}.{:03} s", t / 1000, t % 1000)
}

/// Display columns of `s` (CJK characters take two).
fn cols(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\u{2e80}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}' => 2,
            _ => 1,
        })
        .sum()
}

/// Columns: time (right-aligned), client state, segment (with arrows), server state.
pub(crate) fn columns(time: &str, client: &str, mid: &str, server: &str) -> String {
    let fill = |s: &str, w: usize| " ".repeat(w.saturating_sub(cols(s)));
    format!(
        "{}{time}  {client}{}  {mid}{}  {server}",
        fill(time, 9),
        fill(client, 12),
        fill(mid, 52)
    )
    .trim_end()
    .to_string()
}

impl Net {
    pub(crate) fn new() -> Net {
        let tcb = |iss| Tcb {
            state: State::Closed,
            iss,
            snd_una: iss,
            snd_nxt: iss,
            rcv_nxt: 0,
            rtx: None,
            tw: 0,
        };
        Net {
            now: 0,
            msl_s: 120,
            tcb: [tcb(100), tcb(300)],
            queue: BTreeMap::new(),
            order: 0,
            generation: 0,
            lose: Vec::new(),
            rows: Vec::new(),
        }
    }
    fn t(&mut self, s: Side) -> &mut Tcb {
        &mut self.tcb[s as usize]
    }
    pub(crate) fn state(&self, s: Side) -> State {
        self.tcb[s as usize].state
    }
    fn at(&mut self, t: u64, e: Event) {
        self.order += 1;
        self.queue.insert((t, self.order), e);
    }
    pub(crate) fn note(&mut self, text: impl AsRef<str>) {
        let row = format!(
            "{:>9}  {:<12}  {:<44}  {}",
            ms(self.now),
            "",
            text.as_ref(),
            ""
        );
        self.rows.push(row.trim_end().to_string());
    }
    fn set(&mut self, s: Side, st: State) {
        self.t(s).state = st;
        if st == State::Closed {
            self.t(s).rtx = None;
        }
    }
    /// The row of `seg`: the sender's state when it left, the receiver's after it arrived.
    fn row(&self, seg: &Segment, sender: State, receiver: &str) -> String {
        let mid = match seg.from {
            Side::Client => format!("--> {:<44} -->", seg.text()),
            Side::Server => format!("<-- {:<44} <--", seg.text()),
        };
        let (c, s) = match seg.from {
            Side::Client => (sender.name(), receiver),
            Side::Server => (receiver, sender.name()),
        };
        columns(&ms(self.now), c, &mid, s)
    }

    /// Sends `seg`; it occupies sequence space, the retransmission timer starts.
    fn send(&mut self, seg: Segment) {
        if seg.space() > 0 && self.tcb[seg.from as usize].rtx.is_none() {
            self.generation += 1;
            let g = self.generation;
            self.t(seg.from).rtx = Some((seg, g, RTO, 0));
            self.at(self.now + RTO, Event::Rto(seg.from, g));
        }
        self.transmit(seg);
    }
    fn transmit(&mut self, seg: Segment) {
        let sender = self.state(seg.from);
        if let Some(i) = self
            .lose
            .iter()
            .position(|(s, k)| *s == seg.from && k == seg.kind())
        {
            self.lose.remove(i);
            let row = self.row(&seg, sender, "✗ 丢失");
            self.rows.push(row);
            return;
        }
        self.at(self.now + DELAY, Event::Arrive(seg, sender));
    }
    /// The next segment `s` would send: `<SEQ=SND.NXT><ACK=RCV.NXT>`.
    fn next_segment(&self, s: Side) -> Segment {
        let t = &self.tcb[s as usize];
        Segment::new(s, t.snd_nxt, Some(t.rcv_nxt))
    }
    fn ack_now(&mut self, s: Side) {
        let seg = self.next_segment(s);
        self.transmit(seg);
    }
    fn send_fin(&mut self, s: Side) {
        let seg = Segment {
            fin: true,
            ..self.next_segment(s)
        };
        self.t(s).snd_nxt += 1;
        self.send(seg);
    }
    fn start_time_wait(&mut self, s: Side, restart: bool) {
        let two_msl = 2 * self.msl_s;
        self.note(if restart {
            format!(
                "{}在 TIME-WAIT 收到重传的 FIN：重发 ACK，2MSL（{two_msl} s）重新计时",
                s.zh()
            )
        } else {
            format!("{}进入 TIME-WAIT：等待 2MSL（{two_msl} s）", s.zh())
        });
        self.generation += 1;
        let g = self.generation;
        self.t(s).tw = g;
        let two_msl = 2 * self.msl_s * 1000;
        self.at(self.now + two_msl, Event::TimeWait(s, g));
    }

    /// Runs the network until nothing is in flight and no timer is left.
    pub(crate) fn settle(&mut self) {
        while let Some(((t, _), e)) = self.queue.pop_first() {
            // A cancelled timer does not move the clock.
            let live = match &e {
                Event::Arrive(..) => true,
                Event::Rto(s, g) => self.tcb[*s as usize].rtx.is_some_and(|r| r.1 == *g),
                Event::TimeWait(s, g) => {
                    self.tcb[*s as usize].tw == *g && self.state(*s) == State::TimeWait
                }
            };
            if !live {
                continue;
            }
            self.now = t;
            match e {
                Event::Arrive(seg, sender) => self.arrive(seg, sender),
                Event::Rto(s, _) => self.rto(s),
                Event::TimeWait(s, _) => {
                    self.set(s, State::Closed);
                    self.note(format!("{}的 2MSL 计时器到期 → CLOSED", s.zh()));
                }
            }
        }
    }

    fn rto(&mut self, s: Side) {
        let Some((seg, _, rto, tries)) = self.tcb[s as usize].rtx else {
            return;
        };
        if tries == MAX_RETRIES {
            self.set(s, State::Closed);
            self.note(format!(
                "{}重传 {MAX_RETRIES} 次仍没有确认，放弃连接 → CLOSED",
                s.zh()
            ));
            return;
        }
        self.generation += 1;
        let g = self.generation;
        self.t(s).rtx = Some((seg, g, rto * 2, tries + 1));
        self.note(format!(
            "{}的重传计时器到期（RTO {}），重传",
            s.zh(),
            ms(rto)
        ));
        self.at(self.now + rto * 2, Event::Rto(s, g));
        self.transmit(seg);
    }

    fn arrive(&mut self, seg: Segment, sender: State) {
        let me = seg.from.other();
        // The row goes before what the arrival causes.
        let at = self.rows.len();
        self.rows.push(String::new());
        self.receive(me, &seg);
        self.rows[at] = self.row(&seg, sender, self.state(me).name());
    }

    /// RFC 9293 §3.10.7, simplified: what `me` does with `seg`.
    fn receive(&mut self, me: Side, seg: &Segment) {
        let state = self.state(me);
        match state {
            State::Closed => {
                if !seg.rst {
                    let rst = match seg.ack {
                        Some(a) => Segment::new(me, a, None),
                        None => Segment::new(me, 0, Some(seg.seq.wrapping_add(seg.space()))),
                    };
                    self.transmit(Segment { rst: true, ..rst });
                }
                return;
            }
            State::Listen => {
                if seg.syn && !seg.rst && seg.ack.is_none() {
                    let t = self.t(me);
                    t.rcv_nxt = seg.seq + 1;
                    t.snd_nxt = t.iss + 1;
                    let synack = Segment {
                        syn: true,
                        ..Segment::new(me, t.iss, Some(t.rcv_nxt))
                    };
                    self.set(me, State::SynReceived);
                    self.send(synack);
                }
                return;
            }
            State::SynSent => {
                let acceptable = seg.ack == Some(self.tcb[me as usize].snd_nxt);
                if seg.rst && acceptable {
                    self.set(me, State::Closed);
                    self.note("error: connection reset（连接被拒绝：对方没有在 LISTEN）");
                } else if seg.syn && acceptable {
                    let t = self.t(me);
                    t.rcv_nxt = seg.seq + 1;
                    t.snd_una = t.snd_nxt;
                    t.rtx = None;
                    self.set(me, State::Established);
                    self.ack_now(me);
                }
                return;
            }
            _ => {}
        }
        if seg.rst {
            self.set(me, State::Closed);
            self.note(format!(
                "{}收到 RST：error: connection reset → CLOSED",
                me.zh()
            ));
            return;
        }
        let rcv_nxt = self.tcb[me as usize].rcv_nxt;
        // A retransmitted SYN while the SYN,ACK is lost: send the SYN,ACK again.
        if seg.syn && state == State::SynReceived {
            if let Some((synack, ..)) = self.tcb[me as usize].rtx {
                self.transmit(synack);
            }
            return;
        }
        if seg.space() > 0 && seg.seq.wrapping_add(seg.space()) <= rcv_nxt {
            // An old duplicate (our ACK was lost): acknowledge again; in TIME-WAIT a
            // retransmitted FIN restarts the 2MSL timer (RFC 9293 §3.10.7.4).
            self.ack_now(me);
            if state == State::TimeWait && seg.fin {
                self.start_time_wait(me, true);
            }
            return;
        }
        if let Some(a) = seg.ack {
            let t = self.t(me);
            if a > t.snd_una && a <= t.snd_nxt {
                t.snd_una = a;
                if a == t.snd_nxt {
                    t.rtx = None;
                }
            }
            let all_acked = t.snd_una == t.snd_nxt;
            match state {
                State::SynReceived if all_acked => self.set(me, State::Established),
                State::FinWait1 if all_acked => self.set(me, State::FinWait2),
                State::Closing if all_acked => {
                    self.set(me, State::TimeWait);
                    self.start_time_wait(me, false);
                }
                State::LastAck if all_acked => self.set(me, State::Closed),
                _ => {}
            }
        }
        if seg.seq != self.tcb[me as usize].rcv_nxt || seg.space() == 0 {
            return;
        }
        self.t(me).rcv_nxt += seg.space();
        if seg.fin {
            match self.state(me) {
                State::SynReceived | State::Established => self.set(me, State::CloseWait),
                State::FinWait1 => self.set(me, State::Closing),
                State::FinWait2 => {
                    self.set(me, State::TimeWait);
                    self.start_time_wait(me, false);
                }
                _ => {}
            }
        }
        self.ack_now(me);
    }

    /// A user call on side `s` (RFC 9293 §3.10.1–§3.10.4), or the RFC's error text.
    pub(crate) fn call(&mut self, s: Side, what: &str, size: u32) {
        let state = self.state(s);
        let err = |st: State| match st {
            State::Closed => "error: connection does not exist",
            State::Listen | State::SynSent | State::SynReceived => {
                "error: connection not yet established"
            }
            _ => "error: connection closing",
        };
        match what {
            "listen" | "connect" => {
                if state != State::Closed {
                    self.note(format!(
                        "{}{what}()：error: connection already exists",
                        s.zh()
                    ));
                    return;
                }
                if what == "listen" {
                    self.set(s, State::Listen);
                    self.note(format!("{}调用 listen() → LISTEN", s.zh()));
                } else {
                    self.note(format!("{}调用 connect()", s.zh()));
                    let iss = self.tcb[s as usize].iss;
                    let t = self.t(s);
                    t.snd_una = iss;
                    t.snd_nxt = iss + 1;
                    self.set(s, State::SynSent);
                    self.send(Segment {
                        syn: true,
                        ..Segment::new(s, iss, None)
                    });
                }
            }
            "send" => {
                if !matches!(state, State::Established | State::CloseWait) {
                    self.note(format!("{}send()：{}", s.zh(), err(state)));
                    return;
                }
                self.note(format!("{}调用 send({size} 字节)", s.zh()));
                let seg = Segment {
                    len: size,
                    ..self.next_segment(s)
                };
                self.t(s).snd_nxt += size;
                self.send(seg);
            }
            _ => {
                self.note(format!("{}调用 close()", s.zh()));
                match state {
                    State::Listen | State::SynSent => self.set(s, State::Closed),
                    State::SynReceived | State::Established => {
                        self.set(s, State::FinWait1);
                        self.send_fin(s);
                    }
                    State::CloseWait => {
                        self.set(s, State::LastAck);
                        self.send_fin(s);
                    }
                    other => self.note(format!("{}close()：{}", s.zh(), err(other))),
                }
            }
        }
    }
}
