// Budget-file mutations that must be refused: [what, mutation of the fixture document, problem path, reason fragment].
export const BAD_FILE_CASES: [string, (d: any) => void, string, string][] = [
  [
    'missing year',
    (d) => {
      delete d.year;
    },
    'year',
    '缺少预算年度',
  ],
  [
    'year as text',
    (d) => {
      d.year = '2025';
    },
    'year',
    '必须是 1990–2100 之间的整数',
  ],
  [
    'year not an integer',
    (d) => {
      d.year = 2025.5;
    },
    'year',
    '整数',
  ],
  [
    'missing department name',
    (d) => {
      d.department.name = '';
    },
    'department.name',
    '不能为空',
  ],
  [
    'department code as number',
    (d) => {
      d.department.code = 711;
    },
    'department.code',
    '不能是数字',
  ],
  [
    'units not an array',
    (d) => {
      d.units = {};
    },
    'units',
    '必须是数组',
  ],
  [
    'no units',
    (d) => {
      d.units = [];
    },
    'units',
    '至少要有一个预算单位',
  ],
  [
    'duplicated unit code',
    (d) => {
      d.units.push({ ...d.units[0], name: '另一个' });
    },
    'units[1].code',
    '单位编码 711001 重复',
  ],
  [
    'unknown unit field',
    (d) => {
      d.units[0].level = 1;
    },
    'units[0].level',
    '未知字段“level”',
  ],
  [
    'line unit not defined',
    (d) => {
      d.lines[2].unit = '711999';
    },
    'lines[2].unit',
    '预算单位 711999 未定义',
  ],
  [
    'amount with 3 decimals',
    (d) => {
      d.lines[0].amount = '1.234';
    },
    'lines[0].amount',
    '金额最多两位小数',
  ],
  [
    'amount negative',
    (d) => {
      d.lines[0].amount = '-5.00';
    },
    'lines[0].amount',
    '金额不能为负数',
  ],
  [
    'amount zero',
    (d) => {
      d.lines[0].amount = '0.00';
    },
    'lines[0].amount',
    '金额必须大于 0',
  ],
  [
    'amount as number',
    (d) => {
      d.lines[0].amount = 6400;
    },
    'lines[0].amount',
    '不能是数字 6400',
  ],
  [
    'amount in exponent form',
    (d) => {
      d.lines[0].amount = '6.4e3';
    },
    'lines[0].amount',
    '不是有效的金额',
  ],
  [
    'amount missing',
    (d) => {
      delete d.lines[0].amount;
    },
    'lines[0].amount',
    '缺少金额',
  ],
  [
    'function code 款-level',
    (d) => {
      d.lines[1].function = '20129';
    },
    'lines[1].function',
    '是款级科目，明细只能使用 7 位项级科目',
  ],
  [
    'function code as number',
    (d) => {
      d.lines[1].function = 2012901;
    },
    'lines[1].function',
    '不能是数字',
  ],
  [
    'economic code 类-level',
    (d) => {
      d.lines[1].economic = '302';
    },
    'lines[1].economic',
    '是类级科目，明细只能使用 5 位款级科目',
  ],
  [
    'economic code with letters',
    (d) => {
      d.lines[1].economic = '302a8';
    },
    'lines[1].economic',
    '只能是数字',
  ],
  [
    'bad kind',
    (d) => {
      d.lines[3].kind = 'capital';
    },
    'lines[3].kind',
    '“capital” 不是有效的支出类型',
  ],
  [
    'missing source',
    (d) => {
      delete d.lines[3].source;
    },
    'lines[3].source',
    '缺少资金来源',
  ],
  [
    'bad source',
    (d) => {
      d.lines[3].source = 'bank';
    },
    'lines[3].source',
    '“bank” 不是有效的资金来源',
  ],
  [
    'carryover as text',
    (d) => {
      d.lines[3].carryover = 'yes';
    },
    'lines[3].carryover',
    '必须是 true 或 false',
  ],
  [
    'project line without project',
    (d) => {
      delete d.lines[9].project;
    },
    'lines[9].project',
    '项目支出必须指明项目编码',
  ],
  [
    'project line with unknown project',
    (d) => {
      d.lines[9].project = 'P-NONE';
    },
    'lines[9].project',
    '项目 P-NONE 未定义',
  ],
  [
    'basic line naming a project',
    (d) => {
      d.lines[0].project = d.projects[0].code;
    },
    'lines[0].project',
    '基本支出不能指明项目',
  ],
  [
    'unknown line field',
    (d) => {
      d.lines[0].amout = '1';
    },
    'lines[0].amout',
    '未知字段“amout”',
  ],
  [
    'line not an object',
    (d) => {
      d.lines[4] = '6980.00';
    },
    'lines[4]',
    '明细必须是对象',
  ],
  [
    'project unit not defined',
    (d) => {
      d.projects[0].unit = '999';
    },
    'projects[0].unit',
    '预算单位 999 未定义',
  ],
  [
    'duplicated project code',
    (d) => {
      d.projects.push({ ...d.projects[0] });
    },
    'projects[1].code',
    '项目编码 13030325P00496310001X 重复',
  ],
  [
    'bad indicator level1',
    (d) => {
      d.projects[0].indicators[0].level1 = '投入指标';
    },
    'projects[0].indicators[0].level1',
    '不是有效的一级指标',
  ],
  [
    'level2 under the wrong level1',
    (d) => {
      d.projects[0].indicators[0].level2 = '社会效益指标';
    },
    'projects[0].indicators[0].level2',
    '不是“产出指标”下的二级指标',
  ],
  [
    'bad spending plan',
    (d) => {
      d.projects[0].spendingPlan.dec = '120';
    },
    'projects[0].spendingPlan.dec',
    '0–100 之间的百分比',
  ],
  [
    'procurement without item',
    (d) => {
      d.procurement = [{ project: '', item: '', amount: '100.00', source: 'general' }];
    },
    'procurement[0].item',
    '不能为空',
  ],
  [
    'procurement bad source',
    (d) => {
      d.procurement = [{ item: '电脑', amount: '100.00', source: 'x' }];
    },
    'procurement[0].source',
    '不是有效的资金来源',
  ],
  [
    'asset value as number',
    (d) => {
      d.assets = [{ item: '车辆', quantity: '1', value: 5 }];
    },
    'assets[0].value',
    '不能是数字',
  ],
  [
    'prior year not earlier',
    (d) => {
      d.priorYear.year = 2025;
    },
    'priorYear.year',
    '必须早于预算年度 2025',
  ],
  [
    'prior year amount with 3 decimals',
    (d) => {
      d.priorYear.total = '1.001';
    },
    'priorYear.total',
    '金额最多两位小数',
  ],
  [
    'names with a bad code',
    (d) => {
      d.names = { function: { '20x': '某' } };
    },
    'names.function.20x',
    '不是有效的科目编码',
  ],
  [
    'narrative duties not objects',
    (d) => {
      d.narrative.duties = ['一'];
    },
    'narrative.duties[0]',
    '必须是 {title, text} 对象',
  ],
  [
    'assetsAsOf not a date',
    (d) => {
      d.assetsAsOf = '2024年底';
    },
    'assetsAsOf',
    'YYYY-MM-DD',
  ],
];
