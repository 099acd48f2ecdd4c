using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanTienPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_feedback_cases_open_due_by",
                table: "feedback_cases",
                columns: new[] { "due_by", "department" },
                filter: "status IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "ix_feedback_cases_submitted_at",
                table: "feedback_cases",
                column: "submitted_at")
                .Annotation("Npgsql:IndexInclude", new[] { "department", "status", "due_by", "answered_at", "rating" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_feedback_cases_open_due_by",
                table: "feedback_cases");

            migrationBuilder.DropIndex(
                name: "ix_feedback_cases_submitted_at",
                table: "feedback_cases");
        }
    }
}
