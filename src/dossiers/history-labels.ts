import { DossierAction } from './dossier.enums';
import { actionLabel } from './lifecycle';
import { HistoryAction } from './lifecycle.entity';

/** Entries of the history that are not actions, in the words citizens and the portal read. */
const EVENT_LABEL: Record<Exclude<HistoryAction, DossierAction>, string> = {
  [HistoryAction.SUBMIT]: 'Nộp hồ sơ trực tuyến',
  [HistoryAction.RECEIVE]: 'Tiếp nhận hồ sơ',
  [HistoryAction.VERIFY_IDENTITY]: 'Đối chiếu thông tin với Cơ sở dữ liệu quốc gia về dân cư',
  [HistoryAction.SEND_TO_DEPARTMENT]: 'Chuyển hồ sơ sang hệ thống của cơ quan xử lý',
  [HistoryAction.DEPARTMENT_REPORT]: 'Cơ quan xử lý báo cáo tiến độ',
  [HistoryAction.CHANGE_RETURN_METHOD]: 'Thay đổi hình thức nhận kết quả',
  [HistoryAction.POSTAL_ORDER]: 'Đặt dịch vụ bưu chính công ích',
  [HistoryAction.POSTAL_EVENT]: 'Bưu điện cập nhật bưu gửi',
  [HistoryAction.RECALCULATE_DUE]: 'Tính lại ngày hẹn trả theo lịch nghỉ mới',
};

const ACTIONS: ReadonlySet<string> = new Set(Object.values(DossierAction));
const isAction = (action: HistoryAction): action is DossierAction => ACTIONS.has(action);

/** What a history entry is called, whatever wrote it (a move, intake, a department, the post). */
export function historyLabel(action: HistoryAction): string {
  return isAction(action) ? actionLabel(action) : EVENT_LABEL[action];
}
