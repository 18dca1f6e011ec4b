-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "forwardedFor" TEXT;

