import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { maskStudentNumber } from '@houqin/contracts';
import { Clock, DomainError } from '@houqin/event-sourcing';
import { CommandContext, CommandExecutor, CommandRunner, pgPoolOf, RunResult, SqlPool, streamIdOf } from '@houqin/event-store';
import { AssignBed, dormitoryDecider, DormitoryState, VacateBed } from '../domain/dormitory';

/** A reservation younger than this may belong to an assignment still running: it is never taken over. */
const IN_FLIGHT_MS = 60_000;

/**
 * One bed per student across the school. Inside a building, the building's stream decides it (optimistic
 * concurrency). Across buildings, two streams cannot see each other, so an assignment first reserves the
 * student for its building in `dormitory_student_beds` (primary key school + student number: of two
 * concurrent assignments to two buildings, one insert wins), then runs the command. The streams stay the
 * truth: a reservation whose building no longer houses the student (a crash between command and release)
 * is stale, and taken over once it is older than an assignment can take.
 */
@Injectable()
export class DormitoryBeds {
  private readonly pool: SqlPool;

  constructor(
    private readonly commands: CommandRunner,
    private readonly executor: CommandExecutor,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  async assign(buildingId: string, data: AssignBed['data'], occurredAt: string | undefined, ctx: CommandContext): Promise<RunResult> {
    const reserved = await this.reserve(ctx.schoolId, data.studentNumber, buildingId);
    try {
      return await this.commands.run(dormitoryDecider, buildingId, { type: 'AssignBed', data, metadata: { occurredAt } }, ctx);
    } catch (err) {
      if (reserved) await this.release(ctx.schoolId, buildingId);
      throw err;
    }
  }

  async vacate(buildingId: string, data: VacateBed['data'], occurredAt: string | undefined, ctx: CommandContext): Promise<RunResult> {
    const result = await this.commands.run(dormitoryDecider, buildingId, { type: 'VacateBed', data, metadata: { occurredAt } }, ctx);
    await this.release(ctx.schoolId, buildingId);
    return result;
  }

  /** True when this call made (or took over) the reservation; false when the building already held it. */
  private async reserve(schoolId: string, studentNumber: string, buildingId: string): Promise<boolean> {
    const now = this.clock.now();
    const inserted = await this.pool.query(
      `INSERT INTO dormitory_student_beds (school_id, student_number, building_id, reserved_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (school_id, student_number) DO NOTHING RETURNING building_id`,
      [schoolId, studentNumber, buildingId, now.toISOString()],
    );
    if (inserted.rows.length === 1) return true;
    const { rows } = await this.pool.query<{ building_id: string; reserved_at: Date }>(
      `SELECT building_id, reserved_at FROM dormitory_student_beds WHERE school_id = $1 AND student_number = $2`,
      [schoolId, studentNumber],
    );
    const holder = rows[0];
    if (!holder) return this.reserve(schoolId, studentNumber, buildingId); // released meanwhile
    if (holder.building_id === buildingId) return false;
    const elsewhere = await this.housing(holder.building_id);
    if (elsewhere.status === 'registered' && elsewhere.students[studentNumber]) {
      const { roomNumber, bed } = elsewhere.students[studentNumber];
      throw new DomainError(
        'student-housed-elsewhere',
        `Student ${maskStudentNumber(studentNumber)} already has bed ${bed} of room ${roomNumber} in ${elsewhere.name}`,
        `该学生已住在${elsewhere.name} ${roomNumber} 房 ${bed} 号床`,
        'conflict',
      );
    }
    if (now.getTime() - holder.reserved_at.getTime() < IN_FLIGHT_MS) {
      throw new DomainError('student-assignment-in-progress', 'Another assignment of this student is in progress; try again shortly', '该学生的另一项入住登记正在处理，请稍后重试', 'conflict');
    }
    const taken = await this.pool.query(
      `UPDATE dormitory_student_beds SET building_id = $3, reserved_at = $4 WHERE school_id = $1 AND student_number = $2 AND building_id = $5 RETURNING building_id`,
      [schoolId, studentNumber, buildingId, now.toISOString(), holder.building_id],
    );
    if (taken.rows.length === 1) return true;
    return this.reserve(schoolId, studentNumber, buildingId);
  }

  /** Drops the building's reservations of students it no longer houses (the stream is the truth). */
  private async release(schoolId: string, buildingId: string): Promise<void> {
    const state = await this.housing(buildingId);
    const housed = state.status === 'registered' ? Object.keys(state.students) : [];
    await this.pool.query(`DELETE FROM dormitory_student_beds WHERE school_id = $1 AND building_id = $2 AND NOT (student_number = ANY($3::text[]))`, [schoolId, buildingId, housed]);
  }

  private async housing(buildingId: string): Promise<DormitoryState> {
    return (await this.executor.load(dormitoryDecider, streamIdOf(dormitoryDecider, buildingId))).state;
  }
}
