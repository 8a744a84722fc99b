import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';

const document = parse(readFileSync(path.resolve(__dirname, '../contract/operations.graphql'), 'utf8'));

/** A contract operation's text, unchanged, by name: tests run exactly what the front-end teams run. */
export function contractOperation(name: string): string {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
  );
  if (!operation) throw new Error(`No operation ${name} in the contract`);
  return print(operation);
}

/** Every operation of the contract, by name, in the file's order. */
export function contractOperationNames(): string[] {
  return document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
}
