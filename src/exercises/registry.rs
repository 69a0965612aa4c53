//! The exercise registry: one entry per exercise, with everything the page knows about it
//! (titles, question, fields, whether it makes random inputs or takes a file; the notes' code
//! and errata in a table of their own, [`TEXTS`]). The ports that run them are in `runners.rs`, kept apart so the page's wasm, which
//! only reads this table, links none of them. Adding an exercise means adding its module, one
//! entry here and one in `runners.rs`.

use super::seed_code as code;
use super::{Erratum, ExerciseInfo, ExerciseText, Field};

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
const E04: Erratum = Erratum {
    title: "E04：笔记的代码只打印两行",
    claim: "这段代码依次打印 MetaF __new__、MetaF __init__、MetaF __call__、F __new__、F __init__、F __call__",
    actual: "照原样运行只打印 MetaF __new__ 和 MetaF __init__",
    why: "代码块只定义了类。后四行需要再执行 f = F() 和 f()（只出现在下面的说明文字里）；加上这两行后顺序正好是笔记写的六行。另外 F(1) 会在打印 F __new__ 之后抛 TypeError: object.__new__() takes exactly one argument (the type to instantiate)。",
};
const E05: Erratum = Erratum {
    title: "E05：ZRANGE 是从低到高",
    claim: "“可以使用 ZRANGE 命令从高到低获取排名前三的用户”，输出 user1 98、user3 90、user2 87",
    actual: "ZRANGE player_score 0 2 WITHSCORES 输出 1) \"user2\" 2) \"87\" 3) \"user3\" 4) \"90\" 5) \"user1\" 6) \"98\"",
    why: "ZRANGE 按分数从小到大排列；从高到低要用 ZREVRANGE（或 Redis 6.2 起的 ZRANGE … REV）。笔记里的编号 1) 2) 2) 3) 4) 5) 也不是 redis-cli 的样子：成员和分数各占一行，依次编号。",
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
const E18: Erratum = Erratum {
    title: "E18：位图可以删除，布隆过滤器删除会漏判",
    claim: "两者都“不能进行元素查找和删除操作”；布隆过滤器用多个哈希“因此误判的概率更高”；删除“可能会导致误判率上升”",
    actual: "位图把那一位清 0 就是精确删除；布隆过滤器清掉一个元素的位会让别的元素被漏判（假阴性）；k 选得合适时多个哈希降低误判率",
    why: "布隆过滤器的位由多个元素共用，标准布隆过滤器不支持删除（要删除得用计数布隆过滤器）。误判率约为 (1 − e^(−kn/m))^k，最优 k = (m/n)·ln 2。",
};
const C7: Erratum = Erratum {
    title: "C7：2MSL 并不“一般设置为 30 秒”",
    claim: "2MSL……一般设置为 30 秒",
    actual: "RFC 793/9293 把 MSL 定为 2 分钟（2MSL = 4 分钟）；Linux 的 TIME_WAIT 固定为 60 秒",
    why: "MSL 是报文在网络中的最长寿命，各实现取值不同，30 秒不是通用值。这个练习默认 MSL = 120 秒，可以用 msl <秒> 修改。",
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
        fields: &[Field { name: "date", label: "日期（YYYY-MM-DD）", default: "2024-03-01", multiline: false }],
        topic_slug: "day-of-year",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "sort_dict_by_value",
        title: "字典按 value 排序",
        question: "给定一个字典，按 value 从小到大排序，得到一个新的字典；并对比笔记里方案一的真实输出。",
        fields: &[Field { name: "d", label: "要排序的字典", default: "{'apple': 5, 'banana': 3, 'orange': 2, 'pear': 1}", multiline: false }],
        topic_slug: "sort-dict-by-value",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "list_slice",
        title: "列表切片不会抛 IndexError",
        question: "对列表、字符串或元组做切片 seq[start:stop:step]：越界的切片为什么不报错，而单个下标越界却会抛 IndexError？",
        fields: &[
            Field { name: "seq", label: "序列（列表、字符串或元组）", default: "['a','b','c','d','e']", multiline: false },
            Field { name: "slice", label: "下标或切片（start:stop:step）", default: "10:", multiline: false },
        ],
        topic_slug: "list-slice-no-indexerror",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "set_ops",
        title: "找出两个列表相同和不同的元素",
        question: "给定两个列表，用集合运算找出它们相同的元素（交集）和不同的元素（对称差、差集），以及并集。",
        fields: &[
            Field { name: "a", label: "第一个列表", default: "[1, 2, 3, 4, 5]", multiline: false },
            Field { name: "b", label: "第二个列表", default: "[3, 4, 5, 6, 7]", multiline: false },
        ],
        topic_slug: "list-common-and-diff",
        takes_file: false,
        generates: true,
    },
    ExerciseInfo {
        id: "reverse_number",
        title: "反转数字",
        question: "把一个整数的各位数字反转，例如 2312345 变成 5432132，负数保留负号，末尾的 0 反转后消失。",
        fields: &[Field { name: "n", label: "整数", default: "2312345", multiline: false }],
        topic_slug: "reverse-number",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "remove_while_iterating",
        title: "遍历列表时删除元素",
        question: "遍历一个列表并删除其中的偶数：为什么正向边遍历边删除会漏删？笔记给出的两种方法是怎样避免的？",
        fields: &[Field { name: "list", label: "要删除偶数的列表", default: "[1, 2, 4, 5, 6, 8]", multiline: false }],
        topic_slug: "remove-while-iterating",
        takes_file: false,
        generates: true,
    },
    ExerciseInfo {
        id: "str_to_int",
        title: "字符串数字转换成数字（不用 int()）",
        question: "不使用 int()，根据字符的 ASCII 码把数字字符串转换成整数；看看这个循环遇到非数字字符时会得到什么。",
        fields: &[Field { name: "s", label: "要转换的字符串", default: "-123", multiline: false }],
        topic_slug: "str-to-int",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "merge_sorted_lists",
        title: "合并两个有序列表（不用 extend）",
        question: "两个有序列表 l1、l2，用双指针把它们合并成一个有序列表，不使用 extend。",
        fields: &[
            Field { name: "l1", label: "第一个有序列表", default: "[1, 2, 3, 4, 5, 6]", multiline: false },
            Field { name: "l2", label: "第二个有序列表", default: "[3, 4, 5, 6, 7, 8, 9, 10]", multiline: false },
        ],
        topic_slug: "merge-sorted-lists",
        takes_file: false,
        generates: true,
    },
    ExerciseInfo {
        id: "closure_late_binding",
        title: "闭包的延迟绑定",
        question: "[lambda x: i*x for i in range(4)] 里的每个函数调用 m(3) 都得到 9，而换成生成器却得到 0、3、6、9，为什么？",
        fields: &[
            Field { name: "n", label: "生成几个函数（range 的上限）", default: "4", multiline: false },
            Field { name: "x", label: "调用每个函数时传入的值", default: "3", multiline: false },
        ],
        topic_slug: "closure-late-binding",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "topk_word_freq",
        title: "找出 1G 文件中的高频词",
        question: "统计一个大文本文件中出现次数最多的 k 个英文单词；对比一次性处理和笔记里两种分块读取的结果。",
        fields: &[
            Field { name: "text", label: "文本", default: "hello world hello world hello\n", multiline: true },
            Field { name: "k", label: "取前几个（整数，或 None 表示全部）", default: "10", multiline: false },
            Field { name: "block_size", label: "方式一每次读取的字符数", default: "7", multiline: false },
            Field { name: "block_num", label: "方式二分成几块", default: "10", multiline: false },
        ],
        topic_slug: "top-words-in-1g-file",
        takes_file: true,
        generates: true,
    },
    ExerciseInfo {
        id: "shuffle",
        title: "打乱一个排好序的 list",
        question: "用 random.shuffle 打乱一个排好序的列表：它返回什么？给定种子时，CPython 会得到哪种顺序？",
        fields: &[
            Field { name: "list", label: "列表", default: "[1, 2, 3, 4, 5]", multiline: false },
            Field { name: "seed", label: "随机种子（可留空）", default: "42", multiline: false },
        ],
        topic_slug: "shuffle-list",
        takes_file: false,
        generates: true,
    },
    ExerciseInfo {
        id: "metaclass_order",
        title: "元类的执行过程",
        question: "定义带元类 MetaF 的类 F、创建实例 f = F()、再调用 f()，依次会执行哪些 __new__、__init__、__call__？F(1) 又会怎样？",
        fields: &[Field {
            name: "statements",
            label: "语句（每行一条，像在交互式解释器里输入）",
            default: "class F(metaclass=MetaF): ...\nf = F()\nf()\nF(1)",
            multiline: true,
        }],
        topic_slug: "metaclass-execution",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "yield_send",
        title: "yield 和 send",
        question: "生成器 range_ = yield; for i in range(range_): yield i 依次执行 send(None)、send(3) 和 next() 会得到什么？为什么笔记的 for 循环只打印 1、2？",
        fields: &[Field {
            name: "ops",
            label: "操作（每行一个：next 或 send <值>）",
            default: "send None\nsend 3",
            multiline: true,
        }],
        topic_slug: "yield-and-send",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "observer",
        title: "观察者模式",
        question: "用观察者模式实现商品上新通知：注册短信和邮件观察者后添加商品，会按什么顺序发出通知？删除没注册过的观察者会怎样？",
        fields: &[Field {
            name: "commands",
            label: "命令（每行一个：register / add_observer / remove 观察者，add 商品，notify 参数…）",
            default: "register sms\nregister email\nadd apple\nadd banana\nremove sms\nadd cherry\nremove sms",
            multiline: true,
        }],
        topic_slug: "observer-pattern",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "dir_walk",
        title: "递归遍历所有的文件夹和文件",
        question: "写一个函数，递归打印一个文件夹下所有文件的路径；pathlib 版本和 os 版本打印的有什么不同？",
        fields: &[Field {
            name: "tree",
            label: "文件夹结构（第一行是要遍历的文件夹，子项缩进；文件夹以 / 结尾，也可以粘贴目录树命令的输出）",
            default: "project/\n  README.md\n  src/\n    main.py\n    utils/\n      helpers.py\n  empty/\n  .gitignore",
            multiline: true,
        }],
        topic_slug: "dir-walk",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "bloom_vs_bitmap",
        title: "位图和布隆过滤器",
        question: "位图和布隆过滤器都能快速判断元素是否存在：它们各会误判吗？能删除元素吗？误判率由什么决定？",
        fields: &[
            Field { name: "kind", label: "结构（bloom 或 bitmap）", default: "bloom", multiline: false },
            Field { name: "m", label: "位数 m", default: "8", multiline: false },
            Field { name: "k", label: "哈希函数个数 k（仅布隆过滤器）", default: "3", multiline: false },
            Field { name: "add", label: "加入的元素（列表）", default: "['a', 'b', 'c']", multiline: false },
            Field { name: "delete", label: "“删除”的元素（列表，可留空）", default: "['a']", multiline: false },
            Field { name: "query", label: "查询的元素（列表）", default: "['a', 'b', 'c', 'd', 'e']", multiline: false },
        ],
        topic_slug: "bitmap-vs-bloom-filter",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "tcp_state_machine",
        title: "TCP 三次握手、四次挥手与 2MSL",
        question: "画出 TCP 三次握手和四次挥手的报文与两端状态；主动关闭方为什么要在 TIME-WAIT 等 2MSL？最后一个 ACK 丢了会怎样？",
        fields: &[Field {
            name: "events",
            label: "事件（每行一个：listen、connect、client/server send <字节数>、client/server close、both close、lose client/server <SYN|SYN-ACK|ACK|FIN|DATA>、msl <秒>）",
            default: "listen\nconnect\nclient send 100\nclient close\nlose client ACK\nserver close",
            multiline: true,
        }],
        topic_slug: "tcp-2msl",
        takes_file: false,
        generates: false,
    },
    // P2 ports, group A.
    ExerciseInfo {
        id: "c3_mro",
        title: "新式类的 MRO（C3 算法）与经典类的深度优先",
        question: "给出一组类的继承关系，写出最后一个类的方法解析顺序（MRO）：C3 算法怎样一步步合并？经典类的深度优先顺序有什么不同？",
        fields: &[Field { name: "classes", label: "类定义（用 ; 或换行分隔，例如 D(B, C)）", default: "A; B(A); C(A); D(B, C)", multiline: false }],
        topic_slug: "new-style-vs-classic-class",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "redis_cluster_slot",
        title: "Redis Cluster：键落在哪个槽",
        question: "Redis Cluster 有 16384 个槽：给定一个键，算出 CLUSTER KEYSLOT 返回的槽号；哈希标签 {…} 怎样让不同的键落在同一个槽？",
        fields: &[Field { name: "key", label: "键名（原样输入，不加引号）", default: "{user1000}.following", multiline: false }],
        topic_slug: "redis-cluster",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "most_frequent",
        title: "找出重复次数最多的一个",
        question: "在一批数据中找出出现次数最多的元素：Counter(data).most_common(1) 给出什么？次数相同时取哪个？MapReduce 又是怎样分步算出来的？",
        fields: &[Field { name: "data", label: "数据（列表、元组或字符串）", default: "['b', 'a', 'c', 'a', 'b']", multiline: false }],
        topic_slug: "most-frequent-in-massive-data",
        takes_file: false,
        generates: true,
    },
    ExerciseInfo {
        id: "defaultdict_demo",
        title: "用 defaultdict 统计单词出现次数",
        question: "用 defaultdict(int) 统计一句话里每个单词出现的次数：print 出来是什么样子？读取一个不存在的键会发生什么？",
        fields: &[Field { name: "text", label: "句子 s", default: "the quick brown fox jumps over the lazy dog", multiline: true }],
        topic_slug: "defaultdict",
        takes_file: false,
        generates: true,
    },
    ExerciseInfo {
        id: "http_status",
        title: "HTTP 状态码查询",
        question: "输入一个 HTTP 状态码：它属于哪一类？笔记怎样解释它？Python 的 http.HTTPStatus 给出什么短语？",
        fields: &[Field { name: "code", label: "状态码", default: "304", multiline: false }],
        topic_slug: "http-status-codes",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "url_parts",
        title: "拆开一个 URL",
        question: "把一个 URL 拆成协议、主机、端口、路径、查询参数和锚点：urllib.parse.urlsplit 和 parse_qs 各给出什么？没写端口时 port 是多少？",
        fields: &[Field { name: "url", label: "URL", default: "https://www.example.com:8080/index.html?param1=value1&param2=value2#section1", multiline: false }],
        topic_slug: "url-format",
        takes_file: false,
        generates: false,
    },
    ExerciseInfo {
        id: "redis_zset",
        title: "Redis 有序集合（zset）命令",
        question: "用 ZADD 建一个排行榜，再用 ZRANGE、ZREVRANGE、ZRANGEBYSCORE 等命令查询：redis-cli 实际输出什么？分数相同时谁在前？",
        fields: &[Field { name: "commands", label: "redis-cli 命令（每行一条）", default: "ZADD player_score 98 \"user1\"\nZADD player_score 87 \"user2\"\nZADD player_score 90 \"user3\"\nZRANGE player_score 0 2 WITHSCORES\nZREVRANGE player_score 0 2 WITHSCORES\nZRANK player_score user1\nZRANGEBYSCORE player_score 88 +inf", multiline: true }],
        topic_slug: "redis-zset",
        takes_file: false,
        generates: false,
    },
];

/// Each exercise's notes' Python and errata, in [`EXERCISES`]' order: read only by the exercise
/// panel (a lazily loaded chunk of the page's wasm), so they are not in [`ExerciseInfo`], which
/// the page's main module reads for titles, links and search.
pub(crate) static TEXTS: &[ExerciseText] = &[
    ExerciseText {
        id: "day_of_year",
        python: code::DAY_OF_YEAR,
        errata: &[E17],
    },
    ExerciseText {
        id: "sort_dict_by_value",
        python: code::SORT_DICT_BY_VALUE,
        errata: &[E01],
    },
    ExerciseText {
        id: "list_slice",
        python: code::LIST_SLICE,
        errata: &[E07],
    },
    ExerciseText {
        id: "set_ops",
        python: code::SET_OPS,
        errata: &[],
    },
    ExerciseText {
        id: "reverse_number",
        python: code::REVERSE_NUMBER,
        errata: &[E21],
    },
    ExerciseText {
        id: "remove_while_iterating",
        python: code::REMOVE_WHILE_ITERATING,
        errata: &[],
    },
    ExerciseText {
        id: "str_to_int",
        python: code::STR_TO_INT,
        errata: &[E21],
    },
    ExerciseText {
        id: "merge_sorted_lists",
        python: code::MERGE_SORTED_LISTS,
        errata: &[E02],
    },
    ExerciseText {
        id: "closure_late_binding",
        python: code::CLOSURE_LATE_BINDING,
        errata: &[],
    },
    ExerciseText {
        id: "topk_word_freq",
        python: code::TOPK_WORD_FREQ,
        errata: &[E03],
    },
    ExerciseText {
        id: "shuffle",
        python: code::SHUFFLE,
        errata: &[],
    },
    ExerciseText {
        id: "metaclass_order",
        python: code::METACLASS_ORDER,
        errata: &[E04],
    },
    ExerciseText {
        id: "yield_send",
        python: code::YIELD_SEND,
        errata: &[],
    },
    ExerciseText {
        id: "observer",
        python: code::OBSERVER,
        errata: &[],
    },
    ExerciseText {
        id: "dir_walk",
        python: code::DIR_WALK,
        errata: &[],
    },
    ExerciseText {
        id: "bloom_vs_bitmap",
        python: "",
        errata: &[E18],
    },
    ExerciseText {
        id: "tcp_state_machine",
        python: "",
        errata: &[C7],
    },
    ExerciseText {
        id: "c3_mro",
        python: code::C3_MRO,
        errata: &[],
    },
    ExerciseText {
        id: "redis_cluster_slot",
        python: code::REDIS_CLUSTER_SLOT,
        errata: &[],
    },
    ExerciseText {
        id: "most_frequent",
        python: code::MOST_FREQUENT,
        errata: &[],
    },
    ExerciseText {
        id: "defaultdict_demo",
        python: code::DEFAULTDICT_DEMO,
        errata: &[E19],
    },
    ExerciseText {
        id: "http_status",
        python: code::HTTP_STATUS,
        errata: &[],
    },
    ExerciseText {
        id: "url_parts",
        python: code::URL_PARTS,
        errata: &[],
    },
    ExerciseText {
        id: "redis_zset",
        python: code::REDIS_ZSET,
        errata: &[E05],
    },
];
