// The screens' front page (/): where each screen is, for the centre's staff setting up a kiosk or a board.
import { render } from 'preact';
import './styles.css';

function Index() {
  return (
    <>
      <header class="bar">
        <h1>Liên thông – màn hình của Trung tâm</h1>
      </header>
      <main class="screens">
        <div class="card">
          <h2>Tra cứu hồ sơ</h2>
          <p>Máy tra cứu tại sảnh và điện thoại của người dân: nhập hoặc quét mã QR trên giấy tiếp nhận.</p>
          <a class="button" href="/tra-cuu">
            Mở trang tra cứu
          </a>
        </div>
        <div class="card">
          <h2>Bảng trạng thái</h2>
          <p>Màn hình 1920×1080 tại sảnh: kết quả chờ trả và hồ sơ vừa tiếp nhận, cập nhật trực tiếp. Chọn cơ quan bằng <code>?coQuan=</code>mã định danh.</p>
          <a class="button" href="/bang-trang-thai">
            Mở bảng trạng thái
          </a>
        </div>
        <div class="card">
          <h2>Bảng điều hành</h2>
          <p>Dành cho lãnh đạo (vai trò SUPERVISOR): tỷ lệ đúng hạn, kênh tiếp nhận, hồ sơ quá hạn theo cơ quan.</p>
          <a class="button" href="/dieu-hanh">
            Mở bảng điều hành
          </a>
        </div>
        <p>
          GraphQL: <a href="/graphql">/graphql</a> · subscriptions qua WebSocket (graphql-ws) cùng địa chỉ.
        </p>
      </main>
    </>
  );
}

render(<Index />, document.getElementById('app')!);
