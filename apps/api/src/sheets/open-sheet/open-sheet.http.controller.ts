import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, WriteContext } from '../../shared/command-context';
import { Reply, withRevision } from '../../shared/write.response';
import { OpenSheetCommand } from './open-sheet.command';
import { OpenSheetRequest } from './open-sheet.request.dto';
import { ApiAnswers } from '../../http/openapi.schemas';

@ApiTags('sheets')
@ApiBearerAuth()
@Controller('sheets')
export class OpenSheetController {
  constructor(private readonly commands: CommandBus) {}

  @ApiAnswers('SheetWritten', { status: 201 })
  @Post()
  @ApiOperation({ summary: "Department head: opens the department's sheet for a fiscal year" })
  async openSheet(@Body() body: OpenSheetRequest, @WriteContext() ctx: CommandContext, @Res({ passthrough: true }) reply: Reply) {
    const { department, fiscalYear, createdOn, headTitle, headName } = body;
    const result = await this.commands.execute(
      new OpenSheetCommand({ department, fiscalYear, createdOn, headTitle, headName }, ctx),
    );
    return withRevision(reply, result);
  }
}
