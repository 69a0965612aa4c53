//! observer: the notes' `Observable` / `SMSSender` / `EmailSender` (seed L2365-2420) driven by
//! commands, one a line, shown as the `>>>` session they stand for: what each call prints and
//! CPython's exception line (`list.remove` of an absent observer, `update()` called with the
//! wrong number of arguments). Observers are notified in registration order; registering one
//! twice notifies it twice.

use super::parse::parse_literal;
use super::pyvalue::{PyErr, PyValue};
use super::script::{lines, Line};
use super::{InputError, Inputs, Section};

/// Most commands one run accepts.
const MAX_COMMANDS: usize = 5_000;
/// Most observers the list may hold (each `add` prints one line per observer).
const MAX_OBSERVERS: usize = 1_000;

/// The three observer objects of the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Obs {
    Sms,
    Email,
    /// A plain `Observer()`, whose `update` does nothing.
    Base,
}

impl Obs {
    fn parse(name: &str) -> Option<Obs> {
        match name {
            "sms" | "sms_sender" => Some(Obs::Sms),
            "email" | "email_sender" => Some(Obs::Email),
            "observer" | "base" => Some(Obs::Base),
            _ => None,
        }
    }
    fn var(self) -> &'static str {
        match self {
            Obs::Sms => "sms_sender",
            Obs::Email => "email_sender",
            Obs::Base => "observer",
        }
    }
    /// `self.update(*args, **kwargs)`: the printed line, or CPython's `TypeError`.
    fn update(self, args: &[String], item_kw: Option<&str>) -> Result<Option<String>, PyErr> {
        let (class, what) = match self {
            Obs::Base => return Ok(None),
            Obs::Sms => ("SMSSender", "SMS"),
            Obs::Email => ("EmailSender", "Email"),
        };
        let item = match (args, item_kw) {
            ([], Some(item)) => item,
            ([item], None) => item.as_str(),
            ([], None) => {
                return Err(PyErr::new(
                    "TypeError",
                    format!("{class}.update() missing 1 required positional argument: 'item'"),
                ))
            }
            ([_], Some(_)) => {
                return Err(PyErr::new(
                    "TypeError",
                    format!("{class}.update() got multiple values for argument 'item'"),
                ))
            }
            _ => {
                return Err(PyErr::new(
                    "TypeError",
                    format!(
                        "{class}.update() takes 2 positional arguments but {} were given",
                        args.len() + 1
                    ),
                ))
            }
        };
        Ok(Some(format!("Sending {what} notification about {item}.")))
    }
}

/// One command.
enum Command {
    Register(Obs),
    AddObserver(Obs),
    Remove(Obs),
    /// `add_item(item)`: the item's `str()` and its repr for the echo.
    AddItem(String, String),
    /// `notify_observers(*args)`, each argument a string.
    Notify(Vec<String>),
}

fn observer_arg(line: &Line, rest: &str) -> Result<Obs, InputError> {
    Obs::parse(rest.trim()).ok_or_else(|| {
        line.error(
            "commands",
            format!(
                "没有观察者 `{}`：可用 sms、email 或 observer（基类 Observer 的实例）",
                rest.trim()
            ),
        )
    })
}

fn parse_command(line: &Line) -> Result<Command, InputError> {
    let (verb, rest) = line
        .text
        .split_once(char::is_whitespace)
        .unwrap_or((line.text, ""));
    let rest = rest.trim();
    Ok(match verb {
        "register" | "register_observer" => Command::Register(observer_arg(line, rest)?),
        "add_observer" => Command::AddObserver(observer_arg(line, rest)?),
        "remove" | "remove_observer" => Command::Remove(observer_arg(line, rest)?),
        "add" | "add_item" => {
            if rest.is_empty() {
                return Err(line.error("commands", "add 后面要写商品，例如 add apple"));
            }
            // A Python literal is taken as that value; other text as a str.
            let value = parse_literal(rest).unwrap_or_else(|_| PyValue::Str(rest.to_string()));
            let repr = value.repr().map_err(|e| line.error("commands", e))?;
            let text = match value {
                PyValue::Str(s) => s,
                _ => repr.clone(),
            };
            Command::AddItem(text, repr)
        }
        "notify" | "notify_observers" => {
            Command::Notify(rest.split_whitespace().map(str::to_string).collect())
        }
        _ => {
            return Err(line.error(
                "commands",
                format!(
                    "看不懂 `{verb}`：可用 register <观察者>、add_observer <观察者>、remove <观察者>、add <商品>、notify <参数…>"
                ),
            ))
        }
    })
}

fn quote_args(args: &[String]) -> String {
    args.iter()
        .map(|a| PyValue::Str(a.clone()).repr().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `notify_observers(*args, item=...)`: each observer in order until one raises.
fn notify(observers: &[Obs], args: &[String], item: Option<&str>, out: &mut Vec<String>) {
    for o in observers {
        match o.update(args, item) {
            Ok(Some(line)) => out.push(line),
            Ok(None) => {}
            Err(e) => {
                out.push(e.to_string());
                return;
            }
        }
    }
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let text = inp.text("commands")?;
    let mut observers: Vec<Obs> = Vec::new();
    let mut out = Vec::new();
    for line in lines("commands", text, MAX_COMMANDS)? {
        match parse_command(&line)? {
            Command::Register(o) | Command::AddObserver(o) => {
                if observers.len() == MAX_OBSERVERS {
                    return Err(line.error("commands", format!("观察者太多：上限 {MAX_OBSERVERS}")));
                }
                let method = if line.text.starts_with("add_observer") {
                    "add_observer"
                } else {
                    "register_observer"
                };
                out.push(format!(">>> observable.{method}({})", o.var()));
                observers.push(o);
            }
            Command::Remove(o) => {
                out.push(format!(">>> observable.remove_observer({})", o.var()));
                match observers.iter().position(|x| *x == o) {
                    Some(i) => {
                        observers.remove(i);
                    }
                    None => out.push("ValueError: list.remove(x): x not in list".into()),
                }
            }
            Command::AddItem(item, repr) => {
                out.push(format!(">>> observable.add_item({repr})"));
                notify(&observers, &[], Some(&item), &mut out);
            }
            Command::Notify(args) => {
                out.push(format!(
                    ">>> observable.notify_observers({})",
                    quote_args(&args)
                ));
                notify(&observers, &args, None, &mut out);
            }
        }
    }
    let names: Vec<&str> = observers.iter().map(|o| o.var()).collect();
    Ok(vec![
        Section::ok("log", "通知记录（交互式解释器）", out.join("\n")).with_note(
            "notify_observers 按注册顺序逐个调用 update；同一个观察者注册两次就会收到两次通知。add_item 用关键字 item= 传参，所以 notify_observers('a', 'b') 这样的位置参数会让 SMSSender.update 抛 TypeError。",
        ),
        Section::ok(
            "observers",
            "最后 observable._observers 里的观察者（按顺序）",
            if names.is_empty() {
                "（空列表）".to_string()
            } else {
                names.join(", ")
            },
        ),
    ])
}
