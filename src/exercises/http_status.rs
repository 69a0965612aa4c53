//! http_status: an HTTP status code's class (the notes' five headings), the notes' Chinese
//! description where the notes list the code, and CPython 3.11's `HTTPStatus(int(code))`: its
//! member and `.phrase`, or the `ValueError` for a code the enum does not define.

use num_traits::ToPrimitive;

use super::pyint::py_int_from_str;
use super::pyvalue::PyErr;
use super::{InputError, Inputs, Section};

/// The notes' list (seed lines 1343-1395): code and its Chinese description.
const NOTES: &[(u16, &str)] = &[
    (100, "继续请求，客户端应该继续发出请求。"),
    (101, "协议切换，服务器正在切换到一个不同的协议（例如HTTP/2）。"),
    (200, "请求成功，服务器已经成功处理了请求。"),
    (201, "创建成功，请求已经成功创建一个新的资源。"),
    (204, "无内容，服务器成功处理了请求，但返回的响应报文不包含实体的主体部分。"),
    (206, "部分内容，服务器成功处理了范围请求。"),
    (301, "永久重定向，在请求的资源被永久性转移时使用。"),
    (302, "临时重定向，在请求的资源临时性转移时使用。"),
    (304, "未修改，客户端发送了一个带条件的GET请求，服务器告诉客户端资源未被修改，可以使用缓存的响应。"),
    (307, "临时重定向，与302状态码含义相似，但不允许将POST变成GET。"),
    (400, "请求无效，由于客户端发送的请求有误而无法被服务器处理。"),
    (401, "未授权，需要客户端先进行身份验证后，才能访问请求的资源。"),
    (403, "禁止访问，客户端没有访问资源的权限。"),
    (404, "未找到，客户端请求的资源不存在。"),
    (405, "方法不被允许，服务器禁止使用该方法访问资源。"),
    (500, "服务器错误，服务器遇到了一个未知的错误，无法完成该请求。"),
    (502, "错误网关，服务器作为网关或代理时，从上游服务器接收到无效的响应。"),
    (503, "服务不可用，服务器当前无法处理请求，一段时间后可能会恢复正常。"),
];

/// `http.HTTPStatus` in CPython 3.11: value, member name, phrase.
const HTTP_STATUS: &[(u16, &str, &str)] = &[
    (100, "CONTINUE", "Continue"),
    (101, "SWITCHING_PROTOCOLS", "Switching Protocols"),
    (102, "PROCESSING", "Processing"),
    (103, "EARLY_HINTS", "Early Hints"),
    (200, "OK", "OK"),
    (201, "CREATED", "Created"),
    (202, "ACCEPTED", "Accepted"),
    (
        203,
        "NON_AUTHORITATIVE_INFORMATION",
        "Non-Authoritative Information",
    ),
    (204, "NO_CONTENT", "No Content"),
    (205, "RESET_CONTENT", "Reset Content"),
    (206, "PARTIAL_CONTENT", "Partial Content"),
    (207, "MULTI_STATUS", "Multi-Status"),
    (208, "ALREADY_REPORTED", "Already Reported"),
    (226, "IM_USED", "IM Used"),
    (300, "MULTIPLE_CHOICES", "Multiple Choices"),
    (301, "MOVED_PERMANENTLY", "Moved Permanently"),
    (302, "FOUND", "Found"),
    (303, "SEE_OTHER", "See Other"),
    (304, "NOT_MODIFIED", "Not Modified"),
    (305, "USE_PROXY", "Use Proxy"),
    (307, "TEMPORARY_REDIRECT", "Temporary Redirect"),
    (308, "PERMANENT_REDIRECT", "Permanent Redirect"),
    (400, "BAD_REQUEST", "Bad Request"),
    (401, "UNAUTHORIZED", "Unauthorized"),
    (402, "PAYMENT_REQUIRED", "Payment Required"),
    (403, "FORBIDDEN", "Forbidden"),
    (404, "NOT_FOUND", "Not Found"),
    (405, "METHOD_NOT_ALLOWED", "Method Not Allowed"),
    (406, "NOT_ACCEPTABLE", "Not Acceptable"),
    (
        407,
        "PROXY_AUTHENTICATION_REQUIRED",
        "Proxy Authentication Required",
    ),
    (408, "REQUEST_TIMEOUT", "Request Timeout"),
    (409, "CONFLICT", "Conflict"),
    (410, "GONE", "Gone"),
    (411, "LENGTH_REQUIRED", "Length Required"),
    (412, "PRECONDITION_FAILED", "Precondition Failed"),
    (413, "REQUEST_ENTITY_TOO_LARGE", "Request Entity Too Large"),
    (414, "REQUEST_URI_TOO_LONG", "Request-URI Too Long"),
    (415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type"),
    (
        416,
        "REQUESTED_RANGE_NOT_SATISFIABLE",
        "Requested Range Not Satisfiable",
    ),
    (417, "EXPECTATION_FAILED", "Expectation Failed"),
    (418, "IM_A_TEAPOT", "I'm a Teapot"),
    (421, "MISDIRECTED_REQUEST", "Misdirected Request"),
    (422, "UNPROCESSABLE_ENTITY", "Unprocessable Entity"),
    (423, "LOCKED", "Locked"),
    (424, "FAILED_DEPENDENCY", "Failed Dependency"),
    (425, "TOO_EARLY", "Too Early"),
    (426, "UPGRADE_REQUIRED", "Upgrade Required"),
    (428, "PRECONDITION_REQUIRED", "Precondition Required"),
    (429, "TOO_MANY_REQUESTS", "Too Many Requests"),
    (
        431,
        "REQUEST_HEADER_FIELDS_TOO_LARGE",
        "Request Header Fields Too Large",
    ),
    (
        451,
        "UNAVAILABLE_FOR_LEGAL_REASONS",
        "Unavailable For Legal Reasons",
    ),
    (500, "INTERNAL_SERVER_ERROR", "Internal Server Error"),
    (501, "NOT_IMPLEMENTED", "Not Implemented"),
    (502, "BAD_GATEWAY", "Bad Gateway"),
    (503, "SERVICE_UNAVAILABLE", "Service Unavailable"),
    (504, "GATEWAY_TIMEOUT", "Gateway Timeout"),
    (
        505,
        "HTTP_VERSION_NOT_SUPPORTED",
        "HTTP Version Not Supported",
    ),
    (506, "VARIANT_ALSO_NEGOTIATES", "Variant Also Negotiates"),
    (507, "INSUFFICIENT_STORAGE", "Insufficient Storage"),
    (508, "LOOP_DETECTED", "Loop Detected"),
    (510, "NOT_EXTENDED", "Not Extended"),
    (
        511,
        "NETWORK_AUTHENTICATION_REQUIRED",
        "Network Authentication Required",
    ),
];

/// The notes' class heading for a code, decided by its hundreds digit.
fn class_of(code: u16) -> Option<&'static str> {
    Some(match code {
        100..=199 => "1xx（提供信息）",
        200..=299 => "2xx（成功）",
        300..=399 => "3xx（重定向）",
        400..=499 => "4xx（客户端错误）",
        500..=599 => "5xx（服务器错误）",
        _ => return None,
    })
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let text = inp.text("code")?;
    let n = match py_int_from_str(text) {
        Ok(n) => n,
        Err(e) => {
            return Ok(vec![Section::from_result("phrase", "int(code)", Err(e))
                .with_note("状态码是一个整数，例如 404。")])
        }
    };
    let code = n.to_u16();
    let member = code.and_then(|c| HTTP_STATUS.iter().find(|(v, _, _)| *v == c));
    let invalid = || PyErr::new("ValueError", format!("{n} is not a valid HTTPStatus"));
    let class = code.and_then(class_of);
    let notes = code.and_then(|c| NOTES.iter().find(|(v, _)| *v == c));
    Ok(vec![
        Section::ok(
            "class",
            "类别（笔记的五类）",
            class.unwrap_or("不在 100–599 之间，不属于任何一类"),
        )
        .with_note("状态码按百位数字分成五类：1xx 提供信息，2xx 成功，3xx 重定向，4xx 客户端错误，5xx 服务器错误。"),
        Section::ok(
            "seed",
            "笔记里的说明",
            notes.map_or("笔记没有列出这个状态码", |(_, d)| d),
        ),
        Section::from_result(
            "phrase",
            "HTTPStatus(code).phrase",
            member.map(|(_, _, p)| p.to_string()).ok_or_else(invalid),
        )
        .with_note(match (member, class) {
            (Some(_), _) => "http.HTTPStatus 是 IntEnum：成员的 phrase 是 RFC 里的原因短语。",
            (None, Some(_)) => "这个数字在合法的类别里，但 HTTPStatus 没有定义它：按值查找枚举成员失败，抛出 ValueError。",
            (None, None) => "HTTPStatus 只定义了 100–511 之间的一部分状态码。",
        }),
        Section::from_result(
            "member",
            "HTTPStatus(code)",
            member
                .map(|(v, name, _)| format!("<HTTPStatus.{name}: {v}>"))
                .ok_or_else(invalid),
        ),
    ])
}
