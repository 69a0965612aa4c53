//! The exercise registry: one entry per exercise, with everything the app knows about it
//! (titles, question, the notes' code, fields, errata, the port that runs it, its random-input
//! generator, whether it takes a file). Adding an exercise means adding its module and one
//! entry here.

use super::seed_code as code;
use super::{
    closure, day_of_year, list_slice, merge, remove_while, reverse_number, set_ops, sort_dict,
    str_to_int, topk,
};
use super::{Erratum, ExerciseInfo, Field};
// P2 ports, group A.
use super::{c3_mro, defaultdict_demo, http_status, most_frequent, redis_cluster_slot};

const E01: Erratum = Erratum {
    title: "E01：方案一并不是按 value 排序",
    claim: "sorted(my_dict, key=lambda x: x[1]) 输出 {'pear': 1, 'orange': 2, 'banana': 3, 'apple': 5}",
    actual: "输出 ['banana', 'pear', 'apple', 'orange']，是一个列表",
    why: "遍历字典得到的是键，x[1] 是键的第二个字符，所以结果是按第二个字符排序的键列表；长度不超过 1 的键会抛 IndexError，整数键会抛 TypeError。方案二是对的。",
};
const E02: Erratum = Erratum {
    title: "E02：merge_order_list 没有返回值",
    claim: "“返回合并后的结果列表 result”",
    actual: "print(merge_order_list(l1, l2)) 打印 None",
    why: "函数末尾缺少 return result。补上之后结果是 [1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10]；相等时先取 l_2 的元素。",
};
const E03: Erratum = Erratum {
    title: "E03：分块读取会把单词切断",
    claim: "按固定大小分块读取是统计大文件词频的更好方式",
    actual: "文本 'hello world hello world hello\\n' 用 block_size=7 得到 [('hello', 1), ('w', 1), ('orld', 1), ...]；方式二 block_num=10 得到 [('hel', 3), ('lo', 3), ('wor', 2), ('ld', 2)]；block_num=0 抛 ZeroDivisionError",
    why: "f.read(n) 不管单词边界，单词会被切成两段分别计数。另外 block_size 在文本模式下数的是字符而不是字节；“方式一：按行读取”的标题也和代码不符。正确做法是把块末尾不完整的单词留到下一块。",
};
const E07: Erratum = Erratum {
    title: "E07：结束位置越界不会返回空列表",
    claim: "“如果切片结束位置超出了列表的长度，则返回一个空列表”",
    actual: "l[1:10] 是 ['b', 'c', 'd', 'e']，l[3:100] 是 ['d', 'e']",
    why: "越界的下标会被夹到列表长度以内；只有夹完之后起点不在终点之前（步长为正时）才得到空列表。",
};
const E17: Erratum = Erratum {
    title: "E17：day_of_year 只接受 datetime，不接受 date",
    claim: "“输入日期”即可算出第几天",
    actual: "传入 datetime.date 抛 TypeError: unsupported operand type(s) for -: 'datetime.date' and 'datetime.datetime'",
    why: "函数用 date 减去一个 datetime.datetime；带时区的 datetime 也会报错。更稳妥的写法是 date.timetuple().tm_yday。",
};
const E19: Erratum = Erratum {
    title: "E19：print(word_count) 输出的不是普通字典",
    claim: "print(word_count) “会输出一个字典”",
    actual: "defaultdict(<class 'int'>, {'the': 2, 'quick': 1, 'brown': 1, 'fox': 1, 'jumps': 1, 'over': 1, 'lazy': 1, 'dog': 1})",
    why: "defaultdict 是 dict 的子类，它的 repr 带上类名和默认工厂；要得到普通字典的样子，用 print(dict(word_count))。",
};
const E21: Erratum = Erratum {
    title: "E21：int 不是完全“不受位数限制”",
    claim: "int 可以表示任意大小的整数",
    actual: "运算不受限制，但 str()、int(str) 和 print() 超过 4300 位十进制数字时抛 ValueError: Exceeds the limit (4300 digits) ...",
    why: "CPython 3.11 起（以及 3.10.7 等安全更新）默认限制整数与字符串互转的位数，防止拒绝服务攻击。",
};

/// Every exercise, in notes order.
pub(crate) static EXERCISES: &[ExerciseInfo] = &[
    ExerciseInfo {
        id: "day_of_year",
        title: "判断这一天是这一年的第几天",
        question: "输入一个 YYYY-MM-DD 格式的日期，用 datetime.strptime 解析后，计算它是当年的第几天。",
        python: code::DAY_OF_YEAR,
        fields: &[Field { name: "date", label: "日期（YYYY-MM-DD）", default: "2024-03-01", multiline: false }],
        errata: &[E17],
        topic_slug: "day-of-year",
        takes_file: false,
        run: day_of_year::run,
        generate: None,
    },
    ExerciseInfo {
        id: "sort_dict_by_value",
        title: "字典按 value 排序",
        question: "给定一个字典，按 value 从小到大排序，得到一个新的字典；并对比笔记里方案一的真实输出。",
        python: code::SORT_DICT_BY_VALUE,
        fields: &[Field { name: "d", label: "字典", default: "{'apple': 5, 'banana': 3, 'orange': 2, 'pear': 1}", multiline: false }],
        errata: &[E01],
        topic_slug: "sort-dict-by-value",
        takes_file: false,
        run: sort_dict::run,
        generate: None,
    },
    ExerciseInfo {
        id: "list_slice",
        title: "列表切片不会抛 IndexError",
        question: "对列表、字符串或元组做切片 seq[start:stop:step]：越界的切片为什么不报错，而单个下标越界却会抛 IndexError？",
        python: code::LIST_SLICE,
        fields: &[
            Field { name: "seq", label: "序列（列表、字符串或元组）", default: "['a','b','c','d','e']", multiline: false },
            Field { name: "slice", label: "下标或切片（start:stop:step）", default: "10:", multiline: false },
        ],
        errata: &[E07],
        topic_slug: "list-slice-no-indexerror",
        takes_file: false,
        run: list_slice::run,
        generate: None,
    },
    ExerciseInfo {
        id: "set_ops",
        title: "找出两个列表相同和不同的元素",
        question: "给定两个列表，用集合运算找出它们相同的元素（交集）和不同的元素（对称差、差集），以及并集。",
        python: code::SET_OPS,
        fields: &[
            Field { name: "a", label: "list1", default: "[1, 2, 3, 4, 5]", multiline: false },
            Field { name: "b", label: "list2", default: "[3, 4, 5, 6, 7]", multiline: false },
        ],
        errata: &[],
        topic_slug: "list-common-and-diff",
        takes_file: false,
        run: set_ops::run,
        generate: Some(set_ops::generate),
    },
    ExerciseInfo {
        id: "reverse_number",
        title: "反转数字",
        question: "把一个整数的各位数字反转，例如 2312345 变成 5432132，负数保留负号，末尾的 0 反转后消失。",
        python: code::REVERSE_NUMBER,
        fields: &[Field { name: "n", label: "整数", default: "2312345", multiline: false }],
        errata: &[E21],
        topic_slug: "reverse-number",
        takes_file: false,
        run: reverse_number::run,
        generate: None,
    },
    ExerciseInfo {
        id: "remove_while_iterating",
        title: "遍历列表时删除元素",
        question: "遍历一个列表并删除其中的偶数：为什么正向边遍历边删除会漏删？笔记给出的两种方法是怎样避免的？",
        python: code::REMOVE_WHILE_ITERATING,
        fields: &[Field { name: "list", label: "列表", default: "range(0, 9)", multiline: false }],
        errata: &[],
        topic_slug: "remove-while-iterating",
        takes_file: false,
        run: remove_while::run,
        generate: Some(remove_while::generate),
    },
    ExerciseInfo {
        id: "str_to_int",
        title: "字符串数字转换成数字（不用 int()）",
        question: "不使用 int()，根据字符的 ASCII 码把数字字符串转换成整数；看看这个循环遇到非数字字符时会得到什么。",
        python: code::STR_TO_INT,
        fields: &[Field { name: "s", label: "字符串", default: "123", multiline: false }],
        errata: &[E21],
        topic_slug: "str-to-int",
        takes_file: false,
        run: str_to_int::run,
        generate: None,
    },
    ExerciseInfo {
        id: "merge_sorted_lists",
        title: "合并两个有序列表（不用 extend）",
        question: "两个有序列表 l1、l2，用双指针把它们合并成一个有序列表，不使用 extend。",
        python: code::MERGE_SORTED_LISTS,
        fields: &[
            Field { name: "l1", label: "l1", default: "[1, 2, 3, 4, 5, 6]", multiline: false },
            Field { name: "l2", label: "l2", default: "[3, 4, 5, 6, 7, 8, 9, 10]", multiline: false },
        ],
        errata: &[E02],
        topic_slug: "merge-sorted-lists",
        takes_file: false,
        run: merge::run,
        generate: Some(merge::generate),
    },
    ExerciseInfo {
        id: "closure_late_binding",
        title: "闭包的延迟绑定",
        question: "[lambda x: i*x for i in range(4)] 里的每个函数调用 m(3) 都得到 9，而换成生成器却得到 0、3、6、9，为什么？",
        python: code::CLOSURE_LATE_BINDING,
        fields: &[
            Field { name: "n", label: "n（range(n)）", default: "4", multiline: false },
            Field { name: "x", label: "x（调用 m(x) 的参数）", default: "3", multiline: false },
        ],
        errata: &[],
        topic_slug: "closure-late-binding",
        takes_file: false,
        run: closure::run,
        generate: None,
    },
    ExerciseInfo {
        id: "topk_word_freq",
        title: "找出 1G 文件中的高频词",
        question: "统计一个大文本文件中出现次数最多的 k 个英文单词；对比一次性处理和笔记里两种分块读取的结果。",
        python: code::TOPK_WORD_FREQ,
        fields: &[
            Field { name: "text", label: "文本", default: "hello world hello world hello\n", multiline: true },
            Field { name: "k", label: "top_k（整数或 None）", default: "10", multiline: false },
            Field { name: "block_size", label: "方式一 block_size（字符数）", default: "100000000", multiline: false },
            Field { name: "block_num", label: "方式二 block_num", default: "10", multiline: false },
        ],
        errata: &[E03],
        topic_slug: "top-words-in-1g-file",
        takes_file: true,
        run: topk::run,
        generate: Some(topk::generate),
    },
    // P2 ports, group A.
    ExerciseInfo {
        id: "c3_mro",
        title: "新式类的 MRO（C3 算法）与经典类的深度优先",
        question: "给出一组类的继承关系，写出最后一个类的方法解析顺序（MRO）：C3 算法怎样一步步合并？经典类的深度优先顺序有什么不同？",
        python: code::C3_MRO,
        fields: &[Field { name: "classes", label: "类定义（用 ; 或换行分隔，例如 D(B, C)）", default: "A; B(A); C(A); D(B, C)", multiline: false }],
        errata: &[],
        topic_slug: "new-style-vs-classic-class",
        takes_file: false,
        run: c3_mro::run,
        generate: None,
    },
    ExerciseInfo {
        id: "redis_cluster_slot",
        title: "Redis Cluster：键落在哪个槽",
        question: "Redis Cluster 有 16384 个槽：给定一个键，算出 CLUSTER KEYSLOT 返回的槽号；哈希标签 {…} 怎样让不同的键落在同一个槽？",
        python: code::REDIS_CLUSTER_SLOT,
        fields: &[Field { name: "key", label: "键名（原样输入，不加引号）", default: "{user1000}.following", multiline: false }],
        errata: &[],
        topic_slug: "redis-cluster",
        takes_file: false,
        run: redis_cluster_slot::run,
        generate: None,
    },
    ExerciseInfo {
        id: "most_frequent",
        title: "找出重复次数最多的一个",
        question: "在一批数据中找出出现次数最多的元素：Counter(data).most_common(1) 给出什么？次数相同时取哪个？MapReduce 又是怎样分步算出来的？",
        python: code::MOST_FREQUENT,
        fields: &[Field { name: "data", label: "数据（列表、元组或字符串）", default: "['b', 'a', 'c', 'a', 'b']", multiline: false }],
        errata: &[],
        topic_slug: "most-frequent-in-massive-data",
        takes_file: false,
        run: most_frequent::run,
        generate: Some(most_frequent::generate),
    },
    ExerciseInfo {
        id: "defaultdict_demo",
        title: "用 defaultdict 统计单词出现次数",
        question: "用 defaultdict(int) 统计一句话里每个单词出现的次数：print 出来是什么样子？读取一个不存在的键会发生什么？",
        python: code::DEFAULTDICT_DEMO,
        fields: &[Field { name: "text", label: "句子 s", default: "the quick brown fox jumps over the lazy dog", multiline: true }],
        errata: &[E19],
        topic_slug: "defaultdict",
        takes_file: false,
        run: defaultdict_demo::run,
        generate: Some(defaultdict_demo::generate),
    },
    ExerciseInfo {
        id: "http_status",
        title: "HTTP 状态码查询",
        question: "输入一个 HTTP 状态码：它属于哪一类？笔记怎样解释它？Python 的 http.HTTPStatus 给出什么短语？",
        python: code::HTTP_STATUS,
        fields: &[Field { name: "code", label: "状态码", default: "304", multiline: false }],
        errata: &[],
        topic_slug: "http-status-codes",
        takes_file: false,
        run: http_status::run,
        generate: None,
    },
];
