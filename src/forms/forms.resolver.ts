import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Apology, ComponentKind, DOCUMENT_FORM_LABEL, Dossier, type DocumentForm, HistoryAction, ReturnMethod, SupplementRequest } from '../dossiers';
import { timeInWords } from '../catalog';
import type { HubContext } from '../graphql/context';
import { displayLocalDateTime } from '../shared/local-time';
import { renderForm, type FormSpec } from './form-pdf';

const when = (at: Date | null): string => (at === null ? '' : displayLocalDateTime(at));
/** "Tờ khai – bản chính: 1 bản": the paper, how it was filed and how many, as the receipt lists them. */
const componentLine = (c: { name: string; form: DocumentForm | null; copies: number }): string =>
  `${c.name} – ${c.form ? DOCUMENT_FORM_LABEL[c.form] : 'hình thức không ghi'}: ${c.copies} bản`;
/** The QR code of every form opens the dossier's lookup page, where the hub has one. */
const lookup = (ctx: HubContext, code: string): { qr?: string } => {
  const url = ctx.services.lookupPage?.(code);
  return url ? { qr: url } : {};
};
const base64 = async (form: FormSpec): Promise<string> => (await renderForm(form)).toString('base64');

/** What every form of a dossier shows: the issuing agency, the applicant and the procedure. */
async function common(dossier: Dossier, ctx: HubContext) {
  const [agency, procedure, version] = await Promise.all([
    ctx.loaders.agency.load(dossier.receivingAgency.id),
    ctx.loaders.procedure.load(dossier.procedure.id),
    ctx.loaders.procedureVersion.load(`${dossier.procedure.id}:${dossier.procedureVersion}`),
  ]);
  const { applicant } = dossier;
  return {
    issuer: agency?.name ?? '',
    lines: [
      ['Người nộp hồ sơ', `${applicant.fullName} (số định danh ${applicant.personalId})`],
      ['Địa chỉ', applicant.currentAddress ?? applicant.permanentAddress ?? ''],
      ['Điện thoại, thư điện tử', [applicant.phone, applicant.email].filter(Boolean).join(', ')],
      // The name in force when the dossier came, whatever the catalogue became since.
      ['Thủ tục', procedure ? `${procedure.code} – ${version?.name ?? procedure.name}` : ''],
    ] as Array<[string, string]>,
    version,
  };
}

/**
 * The printed forms of a dossier, as base64 PDF (Vietnamese, the dossier
 * code as a QR code): the receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết
 * quả), the counter refusal (Mẫu 03), each supplement request and each
 * apology with its new appointment. Shown to whoever may see the dossier.
 */
@Resolver(() => Dossier)
export class DossierFormsResolver {
  @FieldResolver(() => String, { nullable: true, description: "The address of the dossier's public lookup page, as the QR code of its receipt holds it; null where the hub serves none" })
  lookupUrl(@Root() dossier: Dossier, @Ctx() ctx: HubContext): string | null {
    return ctx.services.lookupPage?.(dossier.code) ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The receipt and appointment (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) as base64 PDF; null until received' })
  async receiptPdf(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<string | null> {
    if (dossier.receivedAt === null) return null;
    const [{ issuer, lines, version }, history, components, channels] = await Promise.all([
      common(dossier, ctx),
      ctx.loaders.dossierHistory.load(dossier.id),
      ctx.loaders.dossierComponents.load(dossier.id),
      ctx.loaders.procedureChannels.load(dossier.procedure.id),
    ]);
    const received = history.find((e) => e.action === HistoryAction.RECEIVE || e.action === HistoryAction.ACCEPT);
    // The statutory time of the version in force at receipt (the channel's own row for a procedure without versions, as a test's).
    const row = channels.find((c) => c.channel === dossier.channel);
    const time = version ? version.times.find((t) => t.channel === dossier.channel) : row && { amount: row.timeAmount, unit: row.timeUnit };
    return base64({
      issuer,
      title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      code: dossier.code,
      ...lookup(ctx, dossier.code),
      lines: [
        ['Người tiếp nhận', received?.actor ?? ''],
        ...lines,
        ['Thời hạn giải quyết theo quy định', time && time.amount !== null && time.unit !== null ? timeInWords(time.amount, time.unit) : ''],
        ['Thời điểm tiếp nhận', when(dossier.receivedAt)],
        ['Hẹn trả kết quả', when(dossier.receiptDueAt ?? dossier.dueAt)],
        ['Nơi trả kết quả', dossier.returnMethod === ReturnMethod.POST ? `Qua dịch vụ bưu chính công ích tới ${dossier.deliveryAddress ?? ''}` : `Bộ phận một cửa – ${issuer}`],
      ],
      list: { heading: 'Thành phần hồ sơ đã nhận', items: components.filter((c) => c.kind !== ComponentKind.RESULT).map(componentLine) },
      footer: `Người tiếp nhận hồ sơ\n${received?.actor ?? ''}`,
    });
  }

  @FieldResolver(() => String, { nullable: true, description: 'The counter refusal (Phiếu từ chối tiếp nhận, Mẫu 03) as base64 PDF; null unless refused at the counter' })
  async refusalPdf(@Root() dossier: Dossier, @Ctx() ctx: HubContext): Promise<string | null> {
    const history = await ctx.loaders.dossierHistory.load(dossier.id);
    const refusal = history.find((e) => e.action === HistoryAction.REJECT && e.fromStatus === null);
    if (!refusal) return null;
    const { issuer, lines } = await common(dossier, ctx);
    const reasons = (refusal.note ?? '').replace(/^Từ chối tiếp nhận tại quầy: /, '').split(/; (?=\d+\) )/).map((r) => r.replace(/^\d+\) /, ''));
    return base64({
      issuer,
      title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
      code: dossier.code,
      ...lookup(ctx, dossier.code),
      lines: [...lines, ['Thời điểm', when(refusal.at)], ['Người từ chối', refusal.actor]],
      list: { heading: 'Lý do từ chối', items: reasons },
      footer: `Người tiếp nhận hồ sơ\n${refusal.actor}`,
    });
  }
}

@Resolver(() => SupplementRequest)
export class SupplementFormResolver {
  @FieldResolver(() => String, { description: 'The supplement request (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ) as base64 PDF' })
  async pdf(@Root() request: SupplementRequest, @Ctx() ctx: HubContext): Promise<string> {
    const dossier = await request.dossier.loadOrFail();
    const { issuer, lines } = await common(dossier, ctx);
    return base64({
      issuer,
      title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
      code: dossier.code,
      ...lookup(ctx, dossier.code),
      lines: [
        ...lines,
        ['Lý do', request.reason],
        ['Thời điểm yêu cầu', when(request.requestedAt)],
        ['Thời hạn bổ sung', request.dueAt ? when(request.dueAt) : 'Không ấn định'],
        // Once complete, the clock ran again: the new appointment (ngày hẹn trả mới).
        ...(request.newDueAt ? [['Hẹn trả kết quả mới', when(request.newDueAt)] as [string, string]] : []),
      ],
      list: { heading: 'Giấy tờ cần bổ sung', items: request.items.map((i) => i.description) },
      footer: `Người yêu cầu\n${request.requestedBy}`,
    });
  }
}

@Resolver(() => Apology)
export class ApologyFormResolver {
  @FieldResolver(() => String, { description: 'The apology with a new appointment (Phiếu xin lỗi và hẹn lại ngày trả kết quả) as base64 PDF' })
  async pdf(@Root() apology: Apology, @Ctx() ctx: HubContext): Promise<string> {
    const dossier = await apology.dossier.loadOrFail();
    const { issuer, lines } = await common(dossier, ctx);
    return base64({
      issuer,
      title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
      code: dossier.code,
      ...lookup(ctx, dossier.code),
      lines: [...lines, ['Hẹn trả trước đây', when(apology.previousDueAt)], ['Hẹn trả mới', when(apology.newDueAt)], ['Lý do', apology.reason]],
      footer: `${when(apology.issuedAt)}\n${apology.officer}`,
    });
  }
}
