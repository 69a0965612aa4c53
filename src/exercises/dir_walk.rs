//! dir_walk: the notes' two `print_directory_contents` (seed L20-52) on a folder tree typed as
//! indented text (or pasted from `tree`, with `├──`/`│`/`└──`; a trailing `/` or children make a
//! folder). Both walk depth-first and print only files: the `os` version prints
//! `os.path.join`ed paths, the `pathlib` version `resolve()`d absolute paths (the working
//! directory is taken to be `/home/user`). `os.listdir` returns entries in the file system's own
//! order; here that order is the order of the lines. Symbolic links are not modelled.

use super::pyvalue::repr_str;
use super::script::Line;
use super::{InputError, Inputs, Section};

/// Most lines (files and folders) a tree may have.
const MAX_NODES: usize = 20_000;
/// Deepest folder nesting accepted (CPython's recursion limit is 1000 frames).
const MAX_DEPTH: usize = 200;
/// The working directory `resolve()` makes relative paths absolute against.
const CWD: &str = "/home/user";

struct Node {
    name: String,
    dir: bool,
    children: Vec<usize>,
}

/// Characters of `tree`'s drawing, counted as indentation.
fn is_drawing(c: char) -> bool {
    matches!(c, ' ' | '\t' | '│' | '├' | '└' | '─' | '|' | '`' | '\u{a0}')
}

fn parse_tree(text: &str) -> Result<Vec<Node>, InputError> {
    let err = |line: &Line, m: String| line.error("tree", m);
    let mut nodes: Vec<Node> = Vec::new();
    // (indent, node) of the open folders, innermost last.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0usize;
    for (n, raw) in text.split('\n').enumerate() {
        let start = offset;
        offset += raw.chars().count() + 1;
        let indent = raw.chars().take_while(|&c| is_drawing(c)).count();
        let rest: String = raw.chars().skip(indent).collect();
        let rest = rest.trim_end();
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let line = Line {
            number: n + 1,
            position: start + indent + 1,
            text: rest,
        };
        if nodes.len() == MAX_NODES {
            return Err(err(&line, format!("文件太多：上限 {MAX_NODES} 行")));
        }
        let (name, slash) = match rest.strip_suffix('/') {
            Some(stripped) if !nodes.is_empty() || !stripped.is_empty() => {
                (stripped.to_string(), true)
            }
            _ => (rest.to_string(), rest == "/"),
        };
        let id = nodes.len();
        if nodes.is_empty() {
            if name.is_empty() {
                return Err(err(&line, "第一行是要遍历的文件夹，不能为空".into()));
            }
            // `.`, `..` and `/` are folders even without a trailing `/`.
            let dir = slash || matches!(name.rsplit('/').next(), Some("." | ".." | ""));
            nodes.push(Node {
                name,
                dir,
                children: Vec::new(),
            });
            stack.push((indent, id));
            continue;
        }
        while stack.last().is_some_and(|&(ind, _)| ind >= indent) {
            stack.pop();
        }
        let Some(&(_, parent)) = stack.last() else {
            return Err(err(
                &line,
                format!(
                    "`{name}` 没有缩进：整棵树只能有一个根文件夹（第一行），其余各行要缩进到它下面"
                ),
            ));
        };
        if name.is_empty()
            || name == "."
            || name == ".."
            || name.contains('/')
            || name.contains('\0')
        {
            return Err(err(
                &line,
                format!("`{name}` 不是合法的文件名（不能为空、不能是 . 或 ..、不能含 /）"),
            ));
        }
        if nodes[parent]
            .children
            .iter()
            .any(|&c| nodes[c].name == name)
        {
            return Err(err(&line, format!("同一个文件夹里已经有 `{name}` 了")));
        }
        if stack.len() > MAX_DEPTH {
            return Err(err(&line, format!("嵌套太深：上限 {MAX_DEPTH} 层")));
        }
        nodes[parent].dir = true;
        nodes[parent].children.push(id);
        nodes.push(Node {
            name,
            dir: slash,
            children: Vec::new(),
        });
        stack.push((indent, id));
    }
    if nodes.is_empty() {
        return Err(InputError {
            field: "tree",
            message: "输入为空：第一行写要遍历的文件夹，下面缩进写它里面的文件和文件夹".into(),
            position: None,
        });
    }
    Ok(nodes)
}

/// `os.path.join(a, b)` for a relative name `b`.
fn join(a: &str, b: &str) -> String {
    if a.is_empty() || a.ends_with('/') {
        format!("{a}{b}")
    } else {
        format!("{a}/{b}")
    }
}

/// `Path(p).resolve()` without symlinks: absolute against [`CWD`], `.` and `..` removed.
fn resolve(p: &str) -> String {
    let abs = if p.starts_with('/') {
        p.to_string()
    } else {
        join(CWD, p)
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in abs.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Files under node `id`, depth-first in listing order: `(os path, resolved path)`.
fn walk(nodes: &[Node], id: usize, os_path: &str, real: &str, out: &mut Vec<(String, String)>) {
    for &c in &nodes[id].children {
        let child = &nodes[c];
        let os_child = join(os_path, &child.name);
        let real_child = join(real, &child.name);
        if child.dir {
            walk(nodes, c, &os_child, &real_child, out);
        } else {
            out.push((os_child, real_child));
        }
    }
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let nodes = parse_tree(inp.text("tree")?)?;
    let root = &nodes[0];
    let order_note = "os.listdir 和 Path.iterdir 按文件系统自己的顺序返回（不排序，不同系统、不同时间可能不同）；这里按你输入的行序。只打印文件，空文件夹什么也不打印；隐藏文件（. 开头）也会打印。";
    if !root.dir {
        let e = format!(
            "NotADirectoryError: [Errno 20] Not a directory: {}",
            repr_str(&root.name)
        );
        return Ok(vec![Section {
            key: "os_version",
            label: "print_directory_contents（os 版本）".into(),
            value: e,
            is_exception: true,
            note: Some(
                "第一行是一个文件（没有以 / 结尾，也没有缩进的子项）：os.listdir 只能列文件夹。"
                    .into(),
            ),
        }]);
    }
    let mut files = Vec::new();
    walk(&nodes, 0, &root.name, &resolve(&root.name), &mut files);
    let empty = "（什么也不打印：这个文件夹里没有文件）".to_string();
    let show = |v: Vec<&str>| {
        if v.is_empty() {
            empty.clone()
        } else {
            v.join("\n")
        }
    };
    Ok(vec![
        Section::ok(
            "os_version",
            format!("print_directory_contents({})（os 版本：两个函数同名，后定义的这个生效）", repr_str(&root.name)),
            show(files.iter().map(|(p, _)| p.as_str()).collect()),
        )
        .with_note(order_note),
        Section::ok(
            "pathlib_version",
            format!("pathlib 版本（单独定义时；当前目录假设为 {CWD}）"),
            show(files.iter().map(|(_, r)| r.as_str()).collect()),
        )
        .with_note("child.resolve() 得到绝对路径，所以打印的是完整路径；os 版本打印的是 os.path.join 拼出来的路径，和传入的参数同样是相对还是绝对。"),
    ])
}

/// The indented tree text (this port's input) of the files of a folder picked in the browser:
/// `paths` are their `webkitRelativePath`s (`folder/sub/file`), in the order the browser lists
/// them; each folder keeps its children in first-seen order. Empty folders never appear (the
/// browser lists files only).
pub fn tree_from_paths(paths: &[String]) -> String {
    struct Dir {
        name: String,
        dirs: Vec<Dir>,
        files: Vec<String>,
        /// Children in first-seen order: `true` for a folder (index into `dirs`).
        order: Vec<(bool, usize)>,
    }
    fn new(name: &str) -> Dir {
        Dir {
            name: name.to_string(),
            dirs: Vec::new(),
            files: Vec::new(),
            order: Vec::new(),
        }
    }
    fn insert(dir: &mut Dir, parts: &[&str]) {
        match parts {
            [] => {}
            [file] => {
                dir.order.push((false, dir.files.len()));
                dir.files.push((*file).to_string());
            }
            [first, rest @ ..] => {
                let i = match dir.dirs.iter().position(|d| d.name == *first) {
                    Some(i) => i,
                    None => {
                        dir.order.push((true, dir.dirs.len()));
                        dir.dirs.push(new(first));
                        dir.dirs.len() - 1
                    }
                };
                insert(&mut dir.dirs[i], rest);
            }
        }
    }
    fn render(dir: &Dir, depth: usize, out: &mut String) {
        for &(is_dir, i) in &dir.order {
            out.push_str(&"  ".repeat(depth));
            if is_dir {
                out.push_str(&dir.dirs[i].name);
                out.push_str("/\n");
                render(&dir.dirs[i], depth + 1, out);
            } else {
                out.push_str(&dir.files[i]);
                out.push('\n');
            }
        }
    }
    let mut top = new("");
    for p in paths {
        let parts: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
        insert(&mut top, &parts);
    }
    let mut out = String::new();
    render(&top, 0, &mut out);
    out
}
