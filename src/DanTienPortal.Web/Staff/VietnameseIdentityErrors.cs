using Microsoft.AspNetCore.Identity;

namespace DanTienPortal.Web.Staff;

/// <summary>Identity's messages in Vietnamese, for the staff pages.</summary>
public sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Mật khẩu cần ít nhất {length} ký tự." };

    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Mật khẩu cần có ít nhất một chữ số." };

    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "Mật khẩu cần có ít nhất một chữ thường." };

    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "Mật khẩu cần có ít nhất một chữ hoa." };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Mật khẩu cần ít nhất {uniqueChars} ký tự khác nhau." };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Mật khẩu hiện tại không đúng." };

    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Đã có tài khoản dùng địa chỉ {email}." };

    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Đã có tài khoản tên {userName}." };

    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"Địa chỉ thư điện tử “{email}” không hợp lệ." };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"Tên đăng nhập “{userName}” chỉ được có chữ không dấu, số và các ký tự - . _ @ +." };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Không thực hiện được; vui lòng thử lại." };
}
