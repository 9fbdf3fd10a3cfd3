/**
 * zhbook's mainland vocabulary, between the editor's overrides and OpenCC, each entry with its
 * reason: `review` drops OpenCC `TWPhrasesRev` entries for words standard in both places (序列, 執行)
 * or restricts them to a field or to longer words; `added` is current mainland vocabulary OpenCC
 * lacks (實作 → 实现, 透過 → 通过). Where the word depends on the field (介面: 界面 or 接口), the entry says so.
 */

/** The field a book's vocabulary comes from (`vocabulary` in `book.yaml`). */
export type VocabularyField = 'general' | 'technical'

/** A word zhbook adds: Taiwan form → mainland form. */
export interface AddedEntry {
  readonly from: string
  readonly to: string
  /** Only in this field (default: every field). */
  readonly field?: 'technical' | undefined
  readonly reason: string
}

/** An OpenCC `TWPhrasesRev` entry that zhbook does not apply as is. */
export interface ReviewedEntry {
  readonly from: string
  /** `restrict`: applied only in `field`, or only inside the longer entries of `added` or OpenCC. */
  readonly action: 'drop' | 'restrict'
  readonly field?: 'technical' | undefined
  readonly reason: string
}

type Row = readonly [from: string, to: string, reason: string]
type Review = readonly [from: string, reason: string]

const drop = (rows: readonly Review[]): ReviewedEntry[] =>
  rows.map(([from, reason]) => ({from, action: 'drop', reason}))
const restrict = (rows: readonly Review[], field?: 'technical'): ReviewedEntry[] =>
  rows.map(([from, reason]) => ({from, action: 'restrict', field, reason}))
const add = (rows: readonly Row[], field?: 'technical'): AddedEntry[] =>
  rows.map(([from, to, reason]) => ({from, to, field, reason}))

/** OpenCC entries reviewed: dropped or restricted. */
export const review: readonly ReviewedEntry[] = [
  ...drop([
    ['向量', '向量 "vector" is the mainland term in mathematics and computing; 矢量 is the physics word'],
    ['查詢', '查询 "query" is standard in the mainland (数据库查询); 查找 is "look up, find"'],
    ['執行', '执行 "execute, carry out" is standard in the mainland (执行代码, 执行命令); 运行 is "run"'],
    ['複製', '复制 "copy" is the standard mainland word; 拷贝 is colloquial'],
    ['離線', '离线 "offline" is the current mainland word; 脱机 is dated'],
    ['高階', '高阶 "higher-order" is standard in the mainland (高阶函数, 高阶导数); 高级 is "advanced"'],
    ['程序', '程序 is "procedure" and "program" in the mainland as in Taiwan (法律程序); 进程 only for an OS process'],
    ['遮蔽', '遮蔽 "mask, cover" is standard in the mainland (遮蔽语言模型); 屏蔽 is "shield, block"'],
    ['宕機', '宕机 "(a server) goes down" is current mainland usage; 死机 is "(a PC) freezes"'],
    ['指標', '指标 "indicator, metric" is standard in the mainland (经济指标, 性能指标); 指针 only for a pointer'],
    ['單核心', '单核心 is also "single-core" (单核心处理器); 宏内核 (monolithic kernel) is one narrow sense'],
    ['正規化', '正规化 is not 范式 (a database normal form) in machine learning: normalisation is 规范化'],
    ['堆疊', '堆叠 "stacking" is standard in the mainland (堆叠多层); 栈 stays for 堆疊溢位 → 栈溢出'],
    ['開啟', '开启 "open up, start" is standard in the mainland (开启新时代); 打开 stays for 開啟檔案']
  ]),
  ...restrict([
    ['序列', '序列 "sequence" is the mainland word too; 串行 "serial" is kept in 序列埠 → 串口, 序列傳輸 → 串行传输'],
    ['類比', '类比 "analogy" is the mainland word too; 模拟 "analog" is kept in 類比訊號, 類比電路, 類比電子'],
    ['核心', '核心 "core" is the mainland word too; 内核 "(OS) kernel" is kept in 作業系統核心, 核心模式'],
    ['列舉', '列举 "list, enumerate" is the mainland word too; 枚举 is kept in 列舉型別 → 枚举类型']
  ]),
  ...restrict(
    [
      ['行程', '行程 is "itinerary" in the mainland too; "process" (进程) only in computing'],
      ['呼叫', '呼叫 "call out" is the mainland word too; "call (a function)" (调用) only in computing'],
      ['宣告', '宣告 "proclaim" is the mainland word too; "declare (a variable)" (声明) only in computing'],
      ['區域性', '区域性 "regional" is the mainland word too; "local (variable)" (局部) only in computing'],
      ['資料', '资料 "material, documents" is the mainland word too (参考资料); "data" (数据) in computing'],
      [
        '建立',
        '建立 "establish" is the mainland word too (建立联系); "create (an object, a file)" (创建) in computing'
      ],
      ['智慧', '智慧 "wisdom" is the mainland word too; "smart, intelligent" (智能) in computing'],
      ['整合', '整合 "integrate, consolidate" is the mainland word too (资源整合); 集成 in computing'],
      ['文件', '文件 is "file, official document" in the mainland (政府文件); a "document" is 文档 in computing'],
      ['物件', '物件 "article, thing" is the mainland word too; an "object" (对象) only in programming'],
      ['外掛', '外挂 is "(game) cheat" in the mainland as in Taiwan; a "plug-in" (插件) in computing']
    ],
    'technical'
  )
]

/** Words zhbook adds. */
export const added: readonly AddedEntry[] = [
  ...add([
    ['透過', '通过', 'Taiwan 透過 "by means of, through"; the mainland writes 通过 (透过 is "see through")'],
    ['實作', '实现', 'Taiwan 實作 "implement(ation)"; the mainland writes 实现'],
    ['回傳', '返回', 'Taiwan 回傳 "return (a value)"; the mainland writes 返回'],
    ['疊代', '迭代', 'Taiwan 疊代 "iterate"; the mainland writes 迭代'],
    ['終端機', '终端', 'Taiwan 終端機 "terminal"; the mainland writes 终端'],
    ['品質', '质量', 'Taiwan 品質 "quality"; the mainland writes 质量 (品质 is literary)'],
    ['自訂', '自定义', 'Taiwan 自訂 "custom(ise)"; the mainland writes 自定义'],
    ['建構', '构建', 'Taiwan 建構 "construct, build"; the mainland writes 构建'],
    ['座標', '坐标', 'Taiwan 座標 "coordinate"; the mainland standard form is 坐标'],
    ['序列埠', '串口', 'Taiwan 序列埠 "serial port"; the mainland writes 串口'],
    ['序列傳輸', '串行传输', 'Taiwan 序列傳輸 "serial transmission"; the mainland writes 串行传输'],
    ['類比訊號', '模拟信号', 'Taiwan 類比訊號 "analog signal"; the mainland writes 模拟信号'],
    ['作業系統核心', '操作系统内核', 'Taiwan 作業系統核心 "operating system kernel"; mainland 操作系统内核'],
    ['核心模式', '内核模式', 'Taiwan 核心模式 "kernel mode"; the mainland writes 内核模式'],
    ['列舉型別', '枚举类型', 'Taiwan 列舉型別 "enumerated type"; the mainland writes 枚举类型'],
    ['堆疊溢位', '栈溢出', 'Taiwan 堆疊溢位 "stack overflow"; the mainland writes 栈溢出'],
    ['智慧型', '智能', 'Taiwan 智慧型 "smart" (智慧型手機); the mainland writes 智能'],
    ['開啟檔案', '打开文件', 'Taiwan 開啟檔案 "open a file"; the mainland writes 打开文件'],
    ['運算子', '运算符', 'Taiwan 運算子 "operator"; the mainland standard is 运算符 (OpenCC: 操作符)'],
    ['尼日利亞', '尼日利亚', 'Nigeria as the mainland writes it: 尼日 (Niger) → 尼日尔 must not match inside it'],
    ['資料結構', '数据结构', 'Taiwan 資料結構 "data structure"; the mainland writes 数据结构'],
    ['資料集', '数据集', 'Taiwan 資料集 "data set"; the mainland writes 数据集'],
    ['資料型別', '数据类型', 'Taiwan 資料型別 "data type"; the mainland writes 数据类型'],
    ['資料型態', '数据类型', 'Taiwan 資料型態 "data type"; the mainland writes 数据类型'],
    ['資料庫', '数据库', 'Taiwan 資料庫 "database"; the mainland writes 数据库'],
    ['資料科學', '数据科学', 'Taiwan 資料科學 "data science"; the mainland writes 数据科学'],
    ['資料中心', '数据中心', 'Taiwan 資料中心 "data centre"; the mainland writes 数据中心'],
    ['資料分析', '数据分析', 'Taiwan 資料分析 "data analysis"; the mainland writes 数据分析'],
    ['資料處理', '数据处理', 'Taiwan 資料處理 "data processing"; the mainland writes 数据处理'],
    ['純量', '标量', 'Taiwan 純量 "scalar"; the mainland writes 标量'],
    ['變異數', '方差', 'Taiwan 變異數 "variance"; the mainland writes 方差'],
    ['共變異數', '协方差', 'Taiwan 共變異數 "covariance"; the mainland writes 协方差'],
    ['常態分佈', '正态分布', 'Taiwan 常態分佈 "normal distribution"; the mainland writes 正态分布'],
    ['常態分布', '正态分布', 'Taiwan 常態分布 "normal distribution"; the mainland writes 正态分布'],
    ['平行化', '并行化', 'Taiwan 平行化 "parallelise"; the mainland writes 并行化'],
    ['平行處理', '并行处理', 'Taiwan 平行處理 "parallel processing"; the mainland writes 并行处理'],
    ['平行運算', '并行计算', 'Taiwan 平行運算 "parallel computing"; the mainland writes 并行计算'],
    ['雲端運算', '云计算', 'Taiwan 雲端運算 "cloud computing"; the mainland writes 云计算'],
    ['回呼', '回调', 'Taiwan 回呼 "callback"; the mainland writes 回调'],
    ['斷詞', '分词', 'Taiwan 斷詞 "word segmentation"; the mainland writes 分词'],
    ['語音辨識', '语音识别', 'Taiwan 語音辨識 "speech recognition"; the mainland writes 语音识别'],
    ['影像辨識', '图像识别', 'Taiwan 影像辨識 "image recognition"; the mainland writes 图像识别'],
    ['人臉辨識', '人脸识别', 'Taiwan 人臉辨識 "face recognition"; the mainland writes 人脸识别'],
    ['區域網路', '局域网', 'Taiwan 區域網路 "local area network"; the mainland writes 局域网'],
    ['廣域網路', '广域网', 'Taiwan 廣域網路 "wide area network"; the mainland writes 广域网'],
    ['網路卡', '网卡', 'Taiwan 網路卡 "network card"; the mainland writes 网卡'],
    ['網域名稱', '域名', 'Taiwan 網域名稱 "domain name"; the mainland writes 域名'],
    ['激勵函數', '激活函数', 'Taiwan 激勵函數 "activation function"; the mainland writes 激活函数']
  ]),
  ...add(
    [
      ['預設', '默认', 'Taiwan 預設 "default" in software; the mainland writes 默认 (预设 is "presuppose")'],
      ['介面', '接口', 'Taiwan 介面 "interface" in code; the mainland writes 接口 (界面 is a screen)'],
      ['使用者介面', '用户界面', '"user interface" is a screen: 界面'],
      ['圖形介面', '图形界面', '"graphical interface" is a screen: 界面'],
      ['全域', '全局', 'Taiwan 全域 "global" (scope, optimum); the mainland writes 全局'],
      ['子類別', '子类', 'Taiwan 子類別 "subclass"; the mainland writes 子类'],
      ['例外', '异常', 'Taiwan 例外 "exception" in code; the mainland writes 异常'],
      ['陳述式', '语句', 'Taiwan 陳述式 "statement" in code; the mainland writes 语句'],
      ['儲存', '存储', 'Taiwan 儲存 "store, storage" in computing; the mainland writes 存储'],
      ['正規化', '规范化', 'Taiwan 正規化 "normalisation" in machine learning; the mainland writes 规范化'],
      ['程序式', '过程式', 'Taiwan 程序式 "procedural" in programming; the mainland writes 过程式'],
      ['程序式巨集', '过程宏', 'Taiwan 程序式巨集 "procedural macro"; the mainland writes 过程宏'],
      ['文字', '文本', 'Taiwan 文字 "text" (as data) in computing; the mainland writes 文本 (文字檔 → 文本文件)'],
      ['擴充', '扩展', 'Taiwan 擴充 "extend, extension" in computing; the mainland writes 扩展'],
      ['產生器', '生成器', 'Taiwan 產生器 "generator" in computing; the mainland writes 生成器'],
      ['辨識', '识别', 'Taiwan 辨識 "recognise" in computing; the mainland writes 识别 (辨识 is literary)'],
      ['註解', '注释', 'Taiwan 註解 "comment" in code; the mainland writes 注释'],
      ['覆寫', '重写', 'Taiwan 覆寫 "override (a method)"; the mainland writes 重写'],
      ['樣板', '模板', 'Taiwan 樣板 "template" in computing; the mainland writes 模板 (样板戏 is something else)'],
      ['相依性', '依赖', 'Taiwan 相依性 "dependency" in software; the mainland writes 依赖'],
      ['執行階段', '运行时', 'Taiwan 執行階段 "runtime"; the mainland writes 运行时'],
      ['推論', '推理', 'Taiwan 推論 "inference" (of a model); the mainland writes 推理 (推论 is a corollary)']
    ],
    'technical'
  )
]
