import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomUUID } from 'node:crypto';
import type { DocumentsConfig } from '../config';
import { ErrorCode, UserError } from '../errors';
import { Document } from './document.entity';
import { decodeBase64Upload, describeSize, looksLikeMarkup, matchesDeclaredType } from './upload-content';
import { isUuid } from '../shared/uuid';

/** A component as a caller gives it: uploaded now, or a document already held (never both). */
export interface ComponentUpload {
  code: string;
  fileName?: string | null;
  contentType?: string | null;
  contentBase64?: string | null;
  reuseDocumentId?: string | null;
}

/** A component checked and ready to be written in the caller's transaction. */
export interface PreparedComponent {
  code: string;
  fileName: string | null;
  /** The document it will point at: an existing one (reuse, or the same content uploaded again), or a new one. */
  document: { kind: 'none' } | { kind: 'existing'; id: string; reused: boolean } | { kind: 'new'; id: string; sha256: string; content: Buffer; contentType: string; fileName: string };
}


const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif' };

function cleanFileName(name: string | null | undefined, fallback: string, field: string): string {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') return fallback;
  if (trimmed.length > 255 || /[/\\]/.test(trimmed) || [...trimmed].some((ch) => ch.charCodeAt(0) < 0x20)) {
    throw new UserError(ErrorCode.INVALID_INPUT, 'Tên tệp không hợp lệ (không quá 255 ký tự, không chứa dấu / hoặc \\).', `${field}.fileName`);
  }
  return trimmed;
}

/**
 * Digitised documents: uploads are checked (base64, size, declared type
 * against the content's signature), stored once per content hash, and
 * owned by one citizen; a document held for a citizen may be reused in
 * their later dossiers and never in another citizen's.
 */
export class DocumentService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: DocumentsConfig,
  ) {}

  /**
   * Checks every component for `owner` and answers what to write; writes
   * nothing, so that a bad component leaves the dossier unsaved. Inside a
   * transaction, pass its EntityManager as `em` (the embedded database
   * serialises connections: reading on another one would wait forever).
   */
  async prepare(owner: string, components: readonly ComponentUpload[], field = 'components', em: EntityManager = this.em): Promise<PreparedComponent[]> {
    const prepared: PreparedComponent[] = [];
    for (const [index, component] of components.entries()) {
      const at = `${field}[${index}]`;
      const hasContent = component.contentBase64 !== undefined && component.contentBase64 !== null;
      const reuse = component.reuseDocumentId ?? null;
      if (hasContent && reuse !== null) {
        throw new UserError(ErrorCode.INVALID_INPUT, 'Mỗi thành phần hoặc tải tệp lên, hoặc dùng lại giấy tờ đã có, không được cả hai.', at);
      }
      if (reuse !== null) {
        const document = isUuid(reuse) ? await em.findOne(Document, { id: reuse, ownerPersonalId: owner }) : null;
        if (!document) throw new UserError(ErrorCode.NOT_FOUND, 'Không tìm thấy giấy tờ đã lưu của người nộp hồ sơ này để dùng lại.', `${at}.reuseDocumentId`);
        prepared.push({ code: component.code, fileName: cleanFileName(component.fileName, document.fileName, at), document: { kind: 'existing', id: document.id, reused: true } });
        continue;
      }
      if (!hasContent) {
        prepared.push({ code: component.code, fileName: component.fileName ? cleanFileName(component.fileName, '', at) : null, document: { kind: 'none' } });
        continue;
      }
      const content = this.decode(component.contentBase64 ?? '', at);
      const contentType = this.checkType(component.contentType, content, at);
      const fileName = cleanFileName(component.fileName, `${component.code}.${EXTENSION[contentType] ?? 'bin'}`, at);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const same = await em.findOne(Document, { ownerPersonalId: owner, sha256 }, { orderBy: { createdAt: 'asc' } });
      const earlier = prepared.find((p) => p.document.kind === 'new' && p.document.sha256 === sha256);
      if (same) {
        prepared.push({ code: component.code, fileName, document: { kind: 'existing', id: same.id, reused: false } });
      } else if (earlier && earlier.document.kind === 'new') {
        prepared.push({ code: component.code, fileName, document: { kind: 'existing', id: earlier.document.id, reused: false } });
      } else {
        prepared.push({ code: component.code, fileName, document: { kind: 'new', id: randomUUID(), sha256, content, contentType, fileName } });
      }
    }
    return prepared;
  }

  /** Writes the new documents (their bytes once per hash) in the caller's transaction; answers component index → document. */
  async store(tx: EntityManager, owner: string, prepared: readonly PreparedComponent[]): Promise<Array<{ documentId: string | null; reused: boolean }>> {
    const out: Array<{ documentId: string | null; reused: boolean }> = [];
    for (const component of prepared) {
      const { document } = component;
      if (document.kind === 'none') {
        out.push({ documentId: null, reused: false });
      } else if (document.kind === 'existing') {
        out.push({ documentId: document.id, reused: document.reused });
      } else {
        await tx.execute('insert into document_blob (sha256, content, size, created_at) values (?, ?, ?, now()) on conflict (sha256) do nothing', [
          document.sha256,
          document.content,
          document.content.length,
        ]);
        tx.create(Document, {
          id: document.id,
          ownerPersonalId: owner,
          sha256: document.sha256,
          fileName: document.fileName,
          contentType: document.contentType,
          size: document.content.length,
          componentCode: component.code,
        });
        out.push({ documentId: document.id, reused: false });
      }
    }
    return out;
  }

  /** The documents held for a citizen, newest first, that they may reuse. */
  async heldFor(owner: string, limit = 100): Promise<Document[]> {
    return this.em.find(Document, { ownerPersonalId: owner }, { orderBy: { createdAt: 'desc' }, limit });
  }

  private decode(base64: string, at: string): Buffer {
    const decoded = decodeBase64Upload(base64, this.config.maxBytes);
    if (decoded.ok) return decoded.content;
    const message =
      decoded.problem.kind === 'too-large'
        ? `Tệp vượt quá dung lượng cho phép (tối đa ${describeSize(decoded.problem.maxBytes)}).`
        : 'Nội dung tệp (contentBase64) không phải base64 hợp lệ.';
    throw new UserError(ErrorCode.INVALID_INPUT, message, `${at}.contentBase64`);
  }

  private checkType(declared: string | null | undefined, content: Buffer, at: string): string {
    const type = declared?.trim().toLowerCase() ?? '';
    if (!this.config.contentTypes.includes(type)) {
      throw new UserError(ErrorCode.INVALID_INPUT, `Loại tệp "${declared ?? ''}" không được chấp nhận; chấp nhận: ${this.config.contentTypes.join(', ')}.`, `${at}.contentType`);
    }
    // A page a browser would render (HTML, script, SVG) is never a document, whatever it claims to be.
    if (looksLikeMarkup(content)) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Nội dung tệp là trang HTML, mã script hoặc ảnh SVG: không được chấp nhận.', `${at}.contentBase64`);
    }
    if (!matchesDeclaredType(type, content)) {
      throw new UserError(ErrorCode.INVALID_INPUT, `Nội dung tệp không đúng loại ${type} đã khai báo.`, `${at}.contentBase64`);
    }
    return type;
  }
}
