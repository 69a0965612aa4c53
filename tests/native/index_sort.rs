//! The size-saving stable sort (`src/index_sort.rs`) against the standard library's.

use mianshiti_playground::index_sort;
use proptest::prelude::*;

proptest! {
    /// Same order as `slice::sort_by_key`, including among equal keys (stability): the
    /// second field records where each element started.
    #[test]
    fn matches_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
        let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
        let mut want = items.clone();
        want.sort_by_key(|&(k, _)| k);
        let mut got = items.clone();
        index_sort::sort_by_key(&mut got, |&(k, _)| k);
        prop_assert_eq!(&got, &want);
        let mut got = items;
        index_sort::sort_by(&mut got, |a, b| b.0.cmp(&a.0));
        want.sort_by_key(|&(k, _)| std::cmp::Reverse(k));
        prop_assert_eq!(got, want);
    }
}

#[test]
fn sorts_owned_values_in_place() {
    let mut v: Vec<String> = ["pear", "apple", "fig", "apple"].map(String::from).to_vec();
    index_sort::sort_by(&mut v, Ord::cmp);
    assert_eq!(v, ["apple", "apple", "fig", "pear"]);
    let mut empty: Vec<String> = vec![];
    index_sort::sort_by_key(&mut empty, |s| s.len());
    assert!(empty.is_empty());
}
