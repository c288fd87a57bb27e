"""thongbao."""
