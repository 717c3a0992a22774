// Loaded by mocha before the unit tests (.mocharc.json `require`): tests define tools of their own, whose
// schemas have no generated validator, so they are compiled with ajv at run time here.
import Ajv from 'ajv';
import { setSchemaCompiler } from '../../src/core/tools/inputValidation';

const ajv = new Ajv({ allErrors: true, verbose: true });
setSchemaCompiler((schema) => ajv.compile(schema));
