//! remove_while_iterating: the notes' two ways of deleting even numbers while iterating, plus the
//! naive forward `for x in a: a.remove(x)` pitfall, simulated in O(n log n) (a Fenwick tree maps
//! live list positions; `a.remove(x)` always removes the first live element equal to `x`).

use std::collections::HashMap;

use super::generate::join_ints;
use super::parse::ParseOptions;
use super::pyvalue::{mod2_is_zero, HashKey, PyResult, PyValue};
use super::rng::Rng;
use super::{InputError, Inputs, Section};

/// A list under deletions: Fenwick tree over "alive" flags plus, per even value, its positions.
struct LiveList<'a> {
    items: &'a [PyValue],
    tree: Vec<i64>,
    alive: Vec<bool>,
    live: usize,
    /// For each hash key: original positions (ascending) and the index of the first live one.
    by_key: HashMap<HashKey, (Vec<usize>, usize)>,
}

impl<'a> LiveList<'a> {
    fn new(items: &'a [PyValue]) -> Self {
        let n = items.len();
        let mut tree = vec![0i64; n + 1];
        for i in 1..=n {
            if let Some(t) = tree.get_mut(i) {
                *t += 1;
            }
            let j = i + (i & i.wrapping_neg());
            if j <= n {
                let v = tree.get(i).copied().unwrap_or(0);
                if let Some(t) = tree.get_mut(j) {
                    *t += v;
                }
            }
        }
        let mut by_key: HashMap<HashKey, (Vec<usize>, usize)> = HashMap::new();
        for (pos, x) in items.iter().enumerate() {
            // Only even numbers are ever removed; they are hashable numbers.
            if matches!(mod2_is_zero(x), Ok(true)) {
                if let Ok(k) = x.hash_key() {
                    by_key.entry(k).or_default().0.push(pos);
                }
            }
        }
        LiveList {
            items,
            tree,
            alive: vec![true; n],
            live: n,
            by_key,
        }
    }

    /// Original position of the live element at list index `k` (0-based).
    fn position_of(&self, k: usize) -> Option<usize> {
        let n = self.items.len();
        let mut pos = 0usize;
        let mut rem = k as i64 + 1;
        let mut step = n.checked_next_power_of_two().unwrap_or(0);
        while step > 0 {
            let next = pos + step;
            if next <= n {
                let t = self.tree.get(next).copied().unwrap_or(0);
                if t < rem {
                    pos = next;
                    rem -= t;
                }
            }
            step >>= 1;
        }
        (pos < n).then_some(pos)
    }

    fn kill(&mut self, pos: usize) {
        if !self.alive.get(pos).copied().unwrap_or(false) {
            return;
        }
        if let Some(a) = self.alive.get_mut(pos) {
            *a = false;
        }
        self.live -= 1;
        let n = self.items.len();
        let mut i = pos + 1;
        while i <= n {
            if let Some(t) = self.tree.get_mut(i) {
                *t -= 1;
            }
            i += i & i.wrapping_neg();
        }
    }

    /// `a.remove(x)` for an even number `x`: deletes the first live element equal to it.
    fn remove_equal(&mut self, x: &PyValue) {
        let Ok(k) = x.hash_key() else { return };
        let target = {
            let Some((positions, head)) = self.by_key.get_mut(&k) else {
                return;
            };
            let mut found = None;
            while let Some(&p) = positions.get(*head) {
                *head += 1;
                if self.alive.get(p).copied().unwrap_or(false) {
                    found = Some(p);
                    break;
                }
            }
            found
        };
        if let Some(p) = target {
            self.kill(p);
        }
    }

    fn get(&self, k: usize) -> Option<&'a PyValue> {
        self.position_of(k).and_then(|p| self.items.get(p))
    }

    fn remaining(&self) -> PyValue {
        PyValue::List(
            self.items
                .iter()
                .zip(&self.alive)
                .filter(|(_, &a)| a)
                .map(|(x, _)| x.clone())
                .collect(),
        )
    }
}

/// 方法一: `for i in range(len(a) - 1, -1, -1): if a[i] % 2 == 0: a.remove(a[i])`.
pub(crate) fn method1(items: &[PyValue]) -> PyResult<PyValue> {
    let mut l = LiveList::new(items);
    for i in (0..items.len()).rev() {
        let Some(x) = l.get(i) else { continue };
        if mod2_is_zero(x)? {
            l.remove_equal(x);
        }
    }
    Ok(l.remaining())
}

/// 方法二: restart a scan after every removal until a scan removes nothing.
/// Equivalent to keeping the odd elements, unless some element raises first.
pub(crate) fn method2(items: &[PyValue]) -> PyResult<PyValue> {
    list_comprehension(items)
}

/// The naive `for x in a: if x % 2 == 0: a.remove(x)` (skips the element after each removal).
pub(crate) fn naive_forward(items: &[PyValue]) -> PyResult<PyValue> {
    let mut l = LiveList::new(items);
    let mut idx = 0;
    while idx < l.live {
        let Some(x) = l.get(idx) else { break };
        idx += 1;
        if mod2_is_zero(x)? {
            l.remove_equal(x);
        }
    }
    Ok(l.remaining())
}

/// `[x for x in a if x % 2 != 0]`.
pub(crate) fn list_comprehension(items: &[PyValue]) -> PyResult<PyValue> {
    let mut out = Vec::new();
    for x in items {
        if !mod2_is_zero(x)? {
            out.push(x.clone());
        }
    }
    Ok(PyValue::List(out))
}

pub(crate) fn run(inp: &Inputs) -> Result<Vec<Section>, InputError> {
    let v = inp.literal("list", ParseOptions { allow_range: true })?;
    let PyValue::List(items) = v else {
        return Err(InputError {
            field: "list",
            message: format!("期望一个列表（或 range(...)），却得到 {}", v.type_name()),
            position: Some(1),
        });
    };
    let show = |r: PyResult<PyValue>| r.and_then(|v| v.repr());
    let naive = show(naive_forward(&items));
    let correct = show(list_comprehension(&items));
    let naive_note = match (&naive, &correct) {
        (Ok(a), Ok(b)) if a != b => "边遍历边删除会跳过被删元素后面的那个元素：紧跟在偶数后面的偶数没有被检查，所以漏删了（和下面的推荐写法对比）。",
        (Ok(_), Ok(_)) => "这次结果碰巧正确：没有两个偶数挨在一起，被跳过的都是奇数。换成 [2, 4, 6] 就能看到漏删。",
        _ => RAISED,
    };
    Ok(vec![
        Section::from_result("method1_reverse_index", "方法一：倒序索引 + a.remove(a[i])", show(method1(&items)))
            .with_outcome_note("从后往前删，删除不会影响还没访问到的下标。注意 remove 删除的是第一个相等的元素，不一定是下标 i 处的那个。", RAISED),
        Section::from_result("method2_for_else", "方法二：while 1 + for…else，每删一个就从头再来", show(method2(&items)))
            .with_outcome_note("正确但是 O(n²)：每删除一个元素都从头重新遍历。", RAISED),
        Section::from_result("naive_forward_remove", "错误示范：for x in a: if x % 2 == 0: a.remove(x)", naive)
            .with_note(naive_note),
        Section::from_result("list_comprehension", "推荐写法：[x for x in a if x % 2 != 0]", correct)
            .with_outcome_note("新建一个列表，只保留奇数，原列表在遍历时不被修改。", RAISED),
    ])
}

/// The note under a method that raised: `x % 2` failed, whichever way the list is walked.
const RAISED: &str = "x % 2 抛出了异常：这个元素不支持取模（比如 None 或列表），或者它是字符串，% 成了字符串格式化。";

/// A list of `n` random integers in `-1000..=1000`.
pub(crate) fn generate(rng: &mut Rng, n: usize) -> Vec<(&'static str, String)> {
    let v: Vec<i64> = (0..n).map(|_| rng.range_i64(-1000, 1000)).collect();
    vec![("list", join_ints(&v))]
}
