/** 备份、导入、表格导出、备份提醒和存储警告的中文文本。 */
import type { backupEn } from './backup.en';

/** Chinese has no capitals: a table's name reads the same in a sentence and as a title. */
const TABLE_NAMES: typeof backupEn.tables = {
  days: '日记天数',
  medications: '药物',
  regimenEvents: '用药变化',
  doseLogs: '服药记录',
  reminders: '提醒',
  visits: '就诊记录',
  meta: '设置',
};

export const backupZhCN: typeof backupEn = {
  title: '备份',
  lastBackup: (ago, date) => `上次备份：${ago}（${date}）。`,
  lastBackupNever: '上次备份：从未备份。',
  intro:
    '备份是一个包含整本日记的文件：每天的记录、用药和就诊。请把它存放在安全的地方，例如您的电子邮箱或网盘。换新手机或换浏览器时，可以用它找回日记。',
  protect: '用密码保护备份',
  passphrase: '密码',
  passphraseAgain: '再次输入密码',
  passphraseHint: '至少 8 个字符。请把密码记下来：没有它，任何人都打不开这个备份，包括您自己。',
  passphraseTooShort: '密码至少需要 8 个字符。',
  passphraseMismatch: '两次输入的密码不一致，请重新输入。',
  backUpNow: '立即备份',
  working: '正在制作备份…',
  saved: (fileName) => `备份已保存：${fileName}`,
  shared: '备份已分享。',
  exportFailed: '备份没有做成。您的日记没有任何改变，请重试。',
  keptAside: (count) =>
    `有 ${count} 条已保存的记录无法被此版本的 HS 日记读取。它们被另外保留，没有删除，并会包含在每次备份中。`,

  importTitle: '导入备份',
  importIntro: '导入本设备或其他设备上的备份。保存之前，您会先看到它将添加或更改哪些内容。',
  chooseFile: '选择备份文件',
  chooseAnother: '选择其他文件',
  reading: '正在读取备份…',
  locked: '此备份受密码保护。',
  unlockPassphrase: '备份的密码',
  unlock: '打开备份',
  unlocking: '正在打开备份…',
  cancel: '取消',
  importing: '正在导入…',
  checking: '正在检查备份…',
  slow: {
    reading: '读取文件的时间比预期长。如果文件在网盘上，可能还在下载。您可以取消：没有导入任何内容。',
    unlocking: '打开备份的时间比预期长（较旧的手机可能需要一些时间）。您可以取消：没有导入任何内容。',
    checking: '检查备份的时间比预期长：浏览器的存储可能没有响应。您可以取消：没有导入任何内容。',
    importing: '保存备份的时间比预期长：浏览器的存储可能没有响应。您可以取消，不会导入任何内容。',
  },
  cancelled: '已取消导入。没有导入任何内容。',
  done: (added, changed, kept) =>
    (!added && !changed
      ? kept === 0
        ? '无需更改：备份中的内容您的日记里都已经有了。'
        : '没有添加任何内容：备份中的内容本设备都已有，或保留了本设备的版本。'
      : `完成。${added ? `日记中新增：${added}。` : ''}${changed ? `已更改：${changed}。` : ''}`) +
    (kept > 0 && (added || changed) ? `本设备上 ${kept} 条内容不同的记录保持原样。` : ''),
  doneButton: '完成',
  preview: {
    title: '此备份将带来的变化',
    from: (date, version) => `备份于 ${date} 由 HS 日记 ${version} 制作。`,
    caption: '备份中的记录与本设备的比较',
    what: '备份中的内容',
    added: '新增',
    changed: '不同',
    same: '已存在',
    newerInBackup: (rows) => `${rows}在备份中较新，将替换本设备上的版本。`,
    newerHere: (rows) => `${rows}在本设备上较新，将保留。`,
    undated: (rows) => `${rows}内容不同，但没有保存时间可比较：保留本设备上的版本。`,
    backupTakes: (rows, _count, newerHere) =>
      `${rows}内容不同，采用备份中的版本${newerHere > 0 ? `，其中 ${newerHere} 条在本设备上较新` : ''}。`,
    nothing: '此备份中的所有内容都已在您的日记中，没有需要导入的内容。',
    nothingNewer: '备份中的内容本设备都已有，或有更新的版本。除非选择“以备份为准”，否则没有需要导入的内容。',
    how: '导入方式',
    merge: '添加到我的日记',
    mergeHint: '添加新的内容。某条记录内容不同时，保留较新的版本。',
    backupWins: '以备份为准',
    backupWinsHint: (replaced) =>
      `添加新的内容；某条记录内容不同时采用备份中的版本，即使本设备上的较新：本设备上 ${replaced} 条记录将被替换。`,
    replace: '替换我的日记',
    replaceHint: (lost) =>
      lost === 0
        ? '先清空本设备。本设备上的所有内容在备份中都有。'
        : `先清空本设备：备份中没有的 ${lost} 条记录将被删除。`,
    import: '导入',
    close: '关闭',
    confirmTitle: '要替换您的日记吗？',
    confirmBody: (lost) =>
      `本设备上的日记将被备份替换。${lost > 0 ? `备份中没有的 ${lost} 条记录将被删除。` : ''}此操作无法撤销。`,
    confirm: '替换',
  },
  tables: TABLE_NAMES,
  rowCount: (table, count) => {
    const names = {
      days: '天日记',
      medications: '种药物',
      regimenEvents: '条用药变化',
      doseLogs: '条服药记录',
      reminders: '条提醒',
      visits: '次就诊记录',
    } as const;
    return `${count} ${names[table]}`;
  },
  tableTitles: TABLE_NAMES,
  fields: {
    date: '日期',
    pain: '疼痛',
    drainage: '渗液',
    dressingChanges: '换药次数',
    itch: '瘙痒',
    odor: '气味',
    sleepDisturbed: '睡眠',
    flare: '发作',
    regions: '发作部位',
    lesions: '皮损计数',
    interventions: '当天发生的事',
    note: '备注',
    updatedAt: '保存时间',
    id: '编号',
    name: '名称',
    presetId: '预设',
    drugClass: '药物种类',
    color: '颜色',
    medicationId: '药物',
    kind: '类型',
    dose: '剂量',
    frequency: '频率',
    reason: '原因',
    scheduledFor: '应服时间',
    status: '已服或跳过',
    at: '时间',
    times: '时间',
    days: '日期',
    enabled: '开或关',
    ihs4: 'IHS4 评分',
    hurley: 'Hurley 分期',
    notes: '记录',
    questions: '问题',
    key: '设置名称',
    value: '值',
    calendarExport: '上次日历文件的记录',
    reminderState: '提醒的记录',
  },
  rowIssue: (field, issue) => {
    switch (issue.kind) {
      case 'missing':
        return `缺少“${field}”`;
      case 'too-big':
        if (issue.unit === 'characters') return `“${field}”太长（最多 ${issue.limit} 个字符）`;
        if (issue.unit === 'items') return `“${field}”的条目太多（最多 ${issue.limit} 条）`;
        return `“${field}”不能大于 ${issue.limit}`;
      case 'too-small':
        if (issue.unit === 'characters' && issue.limit <= 1) return `“${field}”是空的`;
        if (issue.unit === 'characters') return `“${field}”太短（至少 ${issue.limit} 个字符）`;
        if (issue.unit === 'items') return `“${field}”的条目太少（至少 ${issue.limit} 条）`;
        return `“${field}”不能小于 ${issue.limit}`;
      case 'not-whole-number':
        return `“${field}”必须是整数`;
      case 'wrong-type':
        return `“${field}”的值类型不对`;
      case 'not-allowed':
        return `“${field}”不是 HS 日记认识的值`;
      case 'bad-format':
        return `“${field}”的写法不对`;
      case 'not-a-date':
        return `“${field}”不是一个真实的日期`;
      case 'duplicate-entries':
        return `“${field}”中有重复的内容`;
      case 'regions-without-flare':
        return `没有发作的一天却填写了“${field}”`;
      case 'unknown-medication':
        return `“${field}”指向一个备份中没有的药物`;
      case 'in-the-future':
        return `“${field}”晚于本设备的日期和时间`;
      case 'invalid':
        return `“${field}”无效`;
    }
  },
  problems: {
    badRow: (row, table, detail, others) =>
      `${table}第 ${row} 行：${detail}。${others > 0 ? `另有 ${others} 行也有问题。` : ''}没有导入任何内容。`,
    unreadableRow: (row, table) => `${table}第 ${row} 行无法读取。没有导入任何内容。`,
    tooLarge: (size, max) => `此文件太大，不是 HS 日记的备份（${size}；上限为 ${max}）。没有导入任何内容。`,
    notBackup: '此文件不是 HS 日记的备份。请选择 HS 日记制作的备份文件。没有导入任何内容。',
    spreadsheet: '这是一个表格文件，只能用来查看，不能导入。请改为选择备份文件。',
    madeInTheFuture: (date) =>
      `此备份显示制作于${date}，晚于本设备的日期。请检查两台设备的日期和时间，然后再导入。没有导入任何内容。`,
    damaged: '此备份已损坏或不完整，所以没有导入任何内容。请试试它的另一份副本。',
    damagedTable: (table) => `此备份已损坏：缺少${table}。没有导入任何内容。请试试它的另一份副本。`,
    newerVersion: '此备份是由更新版本的 HS 日记制作的。请先更新应用（重新加载页面），然后再导入。没有导入任何内容。',
    tooManyRows: (table, max) => `此备份中的${table}超过了 HS 日记能导入的数量（最多 ${max}）。没有导入任何内容。`,
    duplicateRow: (row, table, firstRow, key) =>
      `${table}第 ${row} 行与第 ${firstRow} 行重复（${key}）。没有导入任何内容。`,
    impossibleHistory: (medication, date, problem) =>
      `备份中${medication}的用药记录不可能成立（${date} 的记录）：${problem}没有导入任何内容。`,
    historyConflict: (medication, date, problem) =>
      `备份中${medication}的用药记录与本设备上的不一致（${date} 的记录）：${problem}如果要使用备份中的记录，请选择“替换我的日记”。`,
    wrongPassphrase: '密码不正确，或者文件已被改动。',
    unsupportedEncryption: '此备份的加密方式 HS 日记不接受，所以无法打开。没有导入任何内容。',
  },
  importStorage: {
    quota: '本设备的存储空间不足，无法导入此备份。没有导入任何内容：请释放一些空间后重试。',
    closed: '浏览器关闭了日记的存储。没有导入任何内容：请重试。',
    blocked: '另一个标签页正在更新 HS 日记。请关闭其他 HS 日记标签页后重试。没有导入任何内容。',
    newer: '这本日记是由更新版本的 HS 日记保存的。导入之前请先更新应用（重新加载）。没有导入任何内容。',
    unavailable: '此浏览器窗口不允许 HS 日记保存任何内容，所以没有导入任何内容。',
    unknown: '备份没有导入成功。您的日记没有任何改变，请重试。',
  },
  database: {
    newerTitle: '请先更新 HS 日记再做更改',
    newer: '这本日记是由更新版本的 HS 日记保存的。请先更新应用（重新加载）再做更改。您仍然可以查看日记和制作备份。',
    reload: '重新加载',
    updatingTitle: 'HS 日记已在另一个标签页中更新',
    updating: '请保存您正在填写的内容：保存后页面会重新加载以完成更新。',
    reloading: '正在重新加载以完成更新…',
    blockedTitle: '请关闭其他 HS 日记标签页以完成更新',
    blocked: 'HS 日记还在另一个使用旧版本的标签页或窗口中打开着。',
    deletedTitle: '您的日记已在另一个标签页或窗口中被删除',
    deleted:
      '本设备上的日记已在 HS 日记的另一个标签页或窗口中被删除（或者网站数据被清除了），其中保存的所有内容都没有了，包括您在这里保存的记录。此标签页不会再保存任何内容。屏幕上的内容没有被保留：请先记下您需要的内容，然后重新加载。如果您有备份，重新加载后可以在“设置”中导入。',
    unavailableTitle: '此窗口中无法保存任何内容',
    unavailable:
      '此浏览器不允许 HS 日记在这里保存数据（隐私窗口常会这样），您在这里填写的内容都不会被保留。请在普通窗口中打开 HS 日记，或者安装它。',
  },
  risk: {
    title: '为您的日记保留一份副本',
    notPersisted: '设备存储空间不足时，此浏览器可能会删除您的日记。备份可以安全地保留一份副本。',
    iosTab:
      '在苹果手机或平板电脑的浏览器标签页中，如果一周左右没有打开 HS 日记，系统可能会删除您的日记。请把它添加到主屏幕，并保留一份备份。',
    backUpNow: '立即备份',
    notNow: '以后再说',
  },
  reminder: {
    title: '该备份了',
    never: '您还没有做过备份。一个文件就能在手机丢失或浏览器被清理时保住您的整本日记。',
    last: (ago) => `您上次备份是在${ago}。之后保存的内容只在这台设备上。`,
  },
  firstRun: {
    title: '要把日记搬到这里吗？',
    body: '如果您曾在另一个浏览器或另一部手机上使用 HS 日记，请导入您在那里制作的备份。在苹果手机和平板电脑上，添加到主屏幕的应用与浏览器中的日记是分开保存的。',
    import: '导入备份',
    noThanks: '不用了',
  },
  csvTitle: '用于表格软件',
  csvIntro: '把每天的记录或用药变化导出为表格文件，可用常见的表格软件打开。这不是备份：它不能被导入。',
  csvDays: '每天的记录（表格）',
  csvEvents: '用药变化（表格）',
  csvSaved: (fileName) => `已保存：${fileName}`,
  csvFailed: '表格没有做成，请重试。',
};
