/** The banner on the shipped default framework: a proposal, to be replaced by the official list, and how. */
import { Alert } from 'antd';
import { useT } from '../../../i18n.ts';

export function DefaultBanner({ canManage }: { canManage: boolean }) {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="default-framework-banner"
      title={t(
        '这是平台内置的默认指标体系，待官方指标替换',
        'This is the built-in default framework, to be replaced by the official list',
      )}
      description={
        <>
          <div>
            {t(
              '默认体系按内蒙古/河北“五个维度”结构，参照湖南创新型县指标和国家、自治区目标编制（26 项指标，定量 85 分、定性 15 分）；权重、标准值、校验范围和分类阈值均为建议值。正式监测应采用《内蒙古自治区县域科技创新能力提升行动实施方案》附件中的官方指标（5 个维度、16 项指标）。',
              'The default follows the Inner Mongolia/Hebei 5-dimension structure with indicators from Hunan’s innovative-county list and national/regional targets (26 indicators, 85 quantitative + 15 qualitative points); weights, standard values, ranges and tier cut-offs are proposals. Official monitoring should use the indicators annexed to the Inner Mongolia county S&T innovation capability action plan (5 dimensions, 16 indicators).',
            )}
          </div>
          <div style={{ marginTop: 4 }}>
            {canManage
              ? t(
                  '替换方法：点击“导出”下载本体系表，按官方附件修改各行（编码、上级编码、层级、名称、权重、单位、方向……），再在“指标体系”页点击“导入”生成新的草稿版本，核对后“启用”。',
                  'To replace it: export this workbook, edit the rows to the official annex (code, parent, kind, names, weight, unit, direction …), import it on the Frameworks page as a new draft, check it and activate it.',
                )
              : t(
                  '替换由自治区科技主管部门的监测管理员导入官方指标表完成。',
                  'The region’s monitoring administrator replaces it by importing the official workbook.',
                )}
          </div>
        </>
      }
    />
  );
}
