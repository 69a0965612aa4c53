//! redis_cluster_slot: the hash slot of a key as Redis Cluster's `keyHashSlot` computes it
//! (`CLUSTER KEYSLOT`): CRC16-CCITT (XMODEM: polynomial 0x1021, initial value 0) of the key's
//! bytes, or of its first non-empty `{…}` hash tag, modulo 16384.

use super::{InputError, Inputs, Section};

/// Number of hash slots in a Redis Cluster.
const SLOTS: u16 = 16384;

/// CRC16-CCITT (XMODEM), bit by bit: the checksum Redis's `crc16.c` tabulates.
fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &b in bytes {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// The bytes `keyHashSlot` hashes: the text between the first `{` and the first `}` after it,
/// when that is not empty; otherwise the whole key.
fn hashed_part(key: &[u8]) -> (&[u8], bool) {
    if let Some(open) = key.iter().position(|&b| b == b'{') {
        if let Some(len) = key[open + 1..].iter().position(|&b| b == b'}') {
            if len > 0 {
                return (&key[open + 1..open + 1 + len], true);
            }
        }
    }
    (key, false)
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let key = inp.text("key")?.as_bytes();
    let (part, tagged) = hashed_part(key);
    let crc = crc16(part);
    let slot = crc % SLOTS;
    let shown = String::from_utf8_lossy(part);
    let hashed_note = if tagged {
        "键里有非空的 {…}：只对第一个 { 和它之后第一个 } 之间的部分求哈希，所以带相同标签的键落在同一个槽，可以一起用于多键命令和事务。"
    } else if key.contains(&b'{') {
        "有 { 但没有配对的 }，或第一对 {} 之间为空：对整个键求哈希。"
    } else {
        "没有哈希标签：对整个键（UTF-8 字节）求哈希。"
    };
    let node = match slot {
        0..=5460 => "第 1 个主节点（槽 0–5460）",
        5461..=10922 => "第 2 个主节点（槽 5461–10922）",
        _ => "第 3 个主节点（槽 10923–16383）",
    };
    Ok(vec![
        Section::ok(
            "slot",
            "CLUSTER KEYSLOT（redis-cli 的输出）",
            format!("(integer) {slot}"),
        )
        .with_note(
            "槽号 = CRC16(键) mod 16384。Redis Cluster 固定有 16384 个槽，每个主节点负责其中一段。",
        ),
        Section::ok("hashed", "参与哈希的部分", shown.into_owned()).with_note(hashed_note),
        Section::ok("crc16", "CRC16-CCITT（XMODEM）", format!("0x{crc:04X}"))
            .with_note(format!("0x{crc:04X} = {crc}，{crc} mod 16384 = {slot}。")),
        Section::ok(
            "node",
            "平均分给 3 个主节点时（redis-cli --cluster create 的默认分法）",
            node,
        ),
    ])
}
